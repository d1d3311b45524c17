#pragma once
// A hiltest::Error about a place in an input file (suite or bench file): the message starts with
// "file:line:column", and the place is also kept apart, so that reports can point at it (a
// GitHub annotation on the line) without parsing the message back.
#include <string>
#include <utility>

#include "probe/base/error.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::suite {

class LocatedError : public Error {
public:
    LocatedError(ErrorKind kind, SourceLocation where, std::string message, std::string remedy = {})
        : Error(kind, std::move(message), std::move(remedy)), where_(std::move(where))
    {
    }

    const SourceLocation& where() const noexcept { return where_; }

private:
    SourceLocation where_;
};

// Where `error` points, if it knows (it is a LocatedError); else nullptr.
inline const SourceLocation* location_of(const Error& error)
{
    const auto* located = dynamic_cast<const LocatedError*>(&error);
    return located != nullptr ? &located->where() : nullptr;
}

}  // namespace hiltest::suite
