#pragma once
// Text from the target (semihosting, UART) and from users is arbitrary bytes. Reports must stay
// valid UTF-8 / XML and must not let a firmware drive the terminal, so every writer passes such
// text through here first.
#include <string>
#include <string_view>

namespace hiltest::reports {

// Valid UTF-8 with no control characters except tab and newline: CR LF and lone CR become LF;
// other C0/C1 controls, DEL, U+FFFE/U+FFFF and bytes that are not valid UTF-8 become "\xNN"
// (or "\u{FFFE}") escapes. Printable text passes unchanged.
std::string printable_text(std::string_view bytes);

// The same, on one line: newlines and tabs become spaces (for attributes, titles, console lines).
std::string printable_line(std::string_view bytes);

// XML character data / attribute values, after printable_text.
std::string xml_text(std::string_view bytes);
std::string xml_attribute(std::string_view bytes);

}  // namespace hiltest::reports
