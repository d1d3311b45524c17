#include "runner/session/target_link.hpp"

#include "probe/base/error.hpp"

namespace hiltest::session {

TargetLink::TargetLink(ProbeLink link, probe::connect::ConnectOptions options, armv7m::semihosting::Config semihosting,
                       std::optional<probe::rtt::RttLocation> rtt)
    : clock_(link.clock), stimulus_(link.stimulus), pins_(link.pins), probe_(link.transport, link.clock), connector_(probe_, link.clock, std::move(options)),
      core_(probe_, link.clock), semihosting_(core_, std::move(semihosting)), semihosting_source_(semihosting_),
      outputs_(link.clock)
{
    outputs_.add_source(semihosting_source_);
    if (rtt) {
        rtt_.emplace(probe_, *rtt);
        outputs_.add_source(*rtt_);
    }
    for (OutputSource* source : link.outputs) outputs_.add_source(*source);
}

void TargetLink::firmware_restarted()
{
    outputs_.target_restarted();
    semihosting_.firmware_restarted();
}

const probe::connect::Connection& TargetLink::connect(const probe::connect::ConnectContext& context)
{
    connection_.reset();
    programmer_.reset();
    probe::connect::Connection connection = connector_.connect(context);
    // Under reset, a power cycle, or a reset found on attaching: the firmware starts again, and
    // the text it printed before belongs to its earlier run.
    if (connection.target_was_reset()) firmware_restarted();
    // A step cut short by the lost link may have left a run_until breakpoint armed; after a power
    // cycle the comparators are cleared anyway. Either way the next step starts without one.
    core_.clear_all_breakpoints();
    programmer_.emplace(core_, probe::flash::geometry_for(connection.target));
    connection_ = std::move(connection);
    return *connection_;
}

probe::flash::Stm32f1Programmer& TargetLink::programmer()
{
    if (!programmer_) throw Error(ErrorKind::Internal, "the flash programmer was used before the target was connected");
    return *programmer_;
}

}  // namespace hiltest::session
