#include "runner/bench/bench_file.hpp"

#include <algorithm>
#include <set>

#include "probe/base/error.hpp"
#include "runner/suite/json_document.hpp"
#include "runner/suite/json_reader.hpp"
#include "runner/suite/serial_port_parser.hpp"
#include "runner/suite/suggest.hpp"

namespace hiltest::bench {
namespace {

using suite::Node;
using suite::ObjectNode;

constexpr std::size_t kMaxNameLength = 64;
constexpr std::size_t kMaxSimulatedSerial = 24;  // what an ST-Link/V2 reports

bool is_board_name(std::string_view name)
{
    if (name.empty() || name.size() > kMaxNameLength) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
               c == '-';
    });
}

// Serial the n-th simulated board gets unless the bench names one: recognisably virtual,
// 24 characters like a real V2's, distinct per position.
std::string default_simulated_serial(std::size_t index)
{
    std::string digits = std::to_string(index + 1);
    return "HILTESTSIM" + std::string(kMaxSimulatedSerial - 10 - digits.size(), '0') + digits;
}

class BenchParser {
public:
    BenchParser(const suite::DocumentContext& context, const nlohmann::json& document,
                const std::filesystem::path& bench_file, const suite::ParseOptions& options)
        : context_(context), document_(document), bench_file_(bench_file), options_(options)
    {
    }

    Bench parse()
    {
        const Node root(context_, document_, "");
        const ObjectNode object(root, {"$schema", "name", "description", "boards"}, "a bench file");
        if (auto schema = object.get("$schema")) schema->as_string();
        Bench bench;
        bench.file = bench_file_;
        bench.name = bench_file_.stem().string();
        if (auto name = object.get("name")) bench.name = name->as_nonempty_string();
        if (auto description = object.get("description")) bench.description = description->as_string();
        std::set<std::string> names;
        std::size_t real_boards = 0;
        std::optional<Node> any_stlink;
        for (const Node& board_node : object.require("boards").as_nonempty_array()) {
            BoardSpec board = parse_board(board_node, bench.boards.size());
            if (!names.insert(board.name).second) {
                ObjectNode(board_node, kBoardKeys, "a board").require("name").fail(
                    "a second board named \"" + board.name + "\"; board names must be unique (they name the reports)");
            }
            if (!board.is_simulated()) ++real_boards;
            if (board.probe.kind() == probe::ProbeSelector::Kind::AnyStlink) any_stlink = board_node;
            bench.boards.push_back(std::move(board));
        }
        if (any_stlink && real_boards > 1) {
            ObjectNode(*any_stlink, kBoardKeys, "a board")
                .require("probe")
                .fail("\"stlink\" (whichever ST-Link is there) is ambiguous on a bench with " +
                      std::to_string(real_boards) + " real boards; use \"stlink:SERIAL\" (hiltest probe list prints the serials)");
        }
        return bench;
    }

private:
    static inline const std::vector<std::string_view> kBoardKeys = {"name",  "probe",     "target", "nrst_wired",
                                                                    "hooks", "simulated", "uart"};

    BoardSpec parse_board(const Node& node, std::size_t index)
    {
        const ObjectNode object(node, kBoardKeys, "a board");
        BoardSpec board;
        board.location = node.location();
        const Node name = object.require("name");
        board.name = name.as_nonempty_string();
        if (!is_board_name(board.name)) {
            name.fail_expected("a name of 1 to 64 letters, digits, '.', '_' or '-' (it becomes part of report file names)");
        }
        board.probe = suite::parse_probe_selector(object.require("probe"));
        if (auto target = object.get("target")) board.target = suite::parse_chip_name(*target);
        if (auto nrst = object.get("nrst_wired")) board.nrst_wired = nrst->as_bool();
        if (auto hooks = object.get("hooks")) parse_hooks(*hooks, board);
        if (auto uart = object.get("uart")) {
            if (board.is_simulated())
                uart->fail("a simulated board's USARTs are its channels uart1..uart3 already; \"uart\" names the serial ports of a real board");
            board.uart = suite::parse_serial_ports(*uart);
        }
        if (auto simulated = object.get("simulated")) {
            if (!board.is_simulated()) {
                simulated->fail("\"simulated\" describes a simulated board; this board's probe is \"" +
                                board.probe.to_string() + "\"");
            }
            board.simulated = parse_simulated(*simulated);
        }
        if (board.is_simulated() && board.simulated.serial.empty()) board.simulated.serial = default_simulated_serial(index);
        return board;
    }

    void parse_hooks(const Node& node, BoardSpec& board)
    {
        const ObjectNode object(node, {"before", "after", "power_cycle", "set_pin", "uart_send", "set_analog"},
                                "\"hooks\"");
        if (auto before = object.get("before")) board.before = parse_hook(*before, HookKind::Before);
        if (auto after = object.get("after")) board.after = parse_hook(*after, HookKind::After);
        if (auto cycle = object.get("power_cycle")) board.power_cycle = parse_hook(*cycle, HookKind::PowerCycle);
        if (auto hook = object.get("set_pin")) board.set_pin = parse_hook(*hook, HookKind::SetPin);
        if (auto hook = object.get("uart_send")) board.uart_send = parse_hook(*hook, HookKind::UartSend);
        if (auto hook = object.get("set_analog")) board.set_analog = parse_hook(*hook, HookKind::SetAnalog);
    }

    HookSpec parse_hook(const Node& node, HookKind kind)
    {
        HookSpec hook = kind == HookKind::PowerCycle ? power_cycle_hook("") : HookSpec{};
        if (node.json().is_string()) {
            hook.command = node.as_nonempty_string();  // for the shell as written: "$X" is the shell's
            return hook;
        }
        if (!node.json().is_object()) node.fail_expected("a command line, or an object with \"command\"");
        std::vector<std::string_view> keys = {"command", "timeout_ms"};
        if (kind == HookKind::PowerCycle) keys.push_back("settle_ms");
        const ObjectNode object(node, keys, "the " + std::string(to_string(kind)) + " hook");
        const Node command = object.require("command");
        hook.command = command.as_nonempty_string();
        if (auto timeout = object.get("timeout_ms")) hook.timeout = std::chrono::milliseconds(timeout->as_milliseconds(1).count());
        if (auto settle = object.get("settle_ms")) hook.settle = std::chrono::milliseconds(settle->as_milliseconds(0).count());
        return hook;
    }

    SimulatedBoardSpec parse_simulated(const Node& node)
    {
        const ObjectNode object(node, {"seed", "faults", "dpidr", "serial", "firmware", "flash_state", "reset_button_ms"},
                                "\"simulated\"");
        SimulatedBoardSpec sim;
        if (auto seed = object.get("seed")) sim.seed = seed->as_u64();
        if (auto faults = object.get("faults"))
            for (const Node& fault : faults->as_array()) sim.faults.push_back(fault.as_nonempty_string());
        if (auto dpidr = object.get("dpidr")) sim.dpidr = dpidr->as_u32();
        if (auto serial = object.get("serial")) {
            sim.serial = serial->as_nonempty_string();
            const bool printable = std::all_of(sim.serial.begin(), sim.serial.end(), [](char c) { return c > ' ' && c < 0x7F; });
            if (sim.serial.size() > kMaxSimulatedSerial || !printable)
                serial->fail_expected("1 to 24 printable characters without spaces (an ST-Link/V2's USB serial)");
        }
        if (auto firmware = object.get("firmware")) sim.firmware = relative_to_bench(substitute(*firmware, firmware->as_nonempty_string()));
        if (auto state = object.get("flash_state")) sim.flash_state = relative_to_bench(substitute(*state, state->as_nonempty_string()));
        if (auto button = object.get("reset_button_ms"))
            sim.reset_button = std::chrono::milliseconds(button->as_milliseconds(0).count());
        return sim;
    }

    std::string substitute(const Node& node, const std::string& text) const
    {
        return suite::substitute_variables(node, text, options_.variables);
    }

    std::string relative_to_bench(const std::string& path) const
    {
        const std::filesystem::path p(path);
        return (p.is_absolute() ? p : (bench_file_.parent_path() / p)).lexically_normal().string();
    }

    const suite::DocumentContext& context_;
    const nlohmann::json& document_;
    std::filesystem::path bench_file_;
    const suite::ParseOptions& options_;
};

}  // namespace

std::string_view to_string(HookKind kind)
{
    switch (kind) {
    case HookKind::Before: return "before";
    case HookKind::After: return "after";
    case HookKind::PowerCycle: return "power_cycle";
    case HookKind::SetPin: return "set_pin";
    case HookKind::UartSend: return "uart_send";
    case HookKind::SetAnalog: return "set_analog";
    }
    return "before";
}

const std::optional<HookSpec>& BoardSpec::hook(HookKind kind) const
{
    switch (kind) {
    case HookKind::Before: return before;
    case HookKind::After: return after;
    case HookKind::PowerCycle: return power_cycle;
    case HookKind::SetPin: return set_pin;
    case HookKind::UartSend: return uart_send;
    case HookKind::SetAnalog: return set_analog;
    }
    return before;
}

std::filesystem::path Bench::directory() const
{
    const std::filesystem::path folder = file.parent_path();
    return folder.empty() ? std::filesystem::path(".") : folder;
}

Bench parse_bench(std::string_view text, const std::filesystem::path& bench_file, const suite::ParseOptions& options)
{
    const suite::JsonDocument document = suite::parse_json_document(text, bench_file.string(), "bench file");
    const suite::DocumentContext context{bench_file.string(), document.positions};
    return BenchParser(context, document.json, bench_file, options).parse();
}

Bench load_bench(const std::filesystem::path& bench_file, const suite::ParseOptions& options)
{
    return parse_bench(suite::read_document_file(bench_file, "bench file"), bench_file, options);
}

std::vector<const BoardSpec*> select_boards(const Bench& bench, std::string_view selection)
{
    std::vector<const BoardSpec*> selected;
    if (selection == "all" || selection.empty()) {
        for (const BoardSpec& board : bench.boards) selected.push_back(&board);
        return selected;
    }
    std::vector<std::string_view> names;
    for (const BoardSpec& board : bench.boards) names.push_back(board.name);
    std::set<std::string_view> wanted;
    std::size_t start = 0;
    while (start <= selection.size()) {
        const std::size_t comma = std::min(selection.find(',', start), selection.size());
        const std::string_view name = selection.substr(start, comma - start);
        start = comma + 1;
        if (name.empty()) continue;
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            const std::string near = suite::closest_match(name, names);
            throw Error(ErrorKind::Usage,
                        "--boards: the bench " + bench.file.string() + " has no board \"" + std::string(name) + "\"" +
                            (near.empty() ? "" : "; did you mean \"" + near + "\"?"),
                        "its boards are " + suite::join_alternatives(names) + ", or use --boards all");
        }
        wanted.insert(name);
    }
    if (wanted.empty()) throw Error(ErrorKind::Usage, "--boards names no board", "use --boards all or NAME,NAME");
    for (const BoardSpec& board : bench.boards)
        if (wanted.count(board.name)) selected.push_back(&board);
    return selected;
}

}  // namespace hiltest::bench
