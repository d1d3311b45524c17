// End to end: i2c_eeprom under `hiltest sim run` (every I2C register it uses is modelled, so no
// fidelity warning) and testsuites/i2c-eeprom.json, whose simulated_board.i2c puts the EEPROM
// and the silent device on I2C1; without them the same suite fails.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;
using json = nlohmann::json;

class I2cFixture : public RunCommandTest {};

TEST_F(I2cFixture, SimRunReportsNoFidelityWarning)
{
    const CommandResult result = run_program({kHiltest, "sim", "run", kFirmware + "/i2c_eeprom.elf", "--for", "30ms"});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_EQ(result.output.find("fidelity warning"), std::string::npos) << result.output;
}

TEST_F(I2cFixture, SimRunTakesTheDevicesFromI2cDeviceOptions)
{
    const std::string elf = kFirmware + "/i2c_eeprom.elf";
    const CommandResult result = run_program({kHiltest, "sim", "run", elf, "--for", "30ms", "--i2c-device",
                                              "i2c1:0x50:24c02", "--i2c-device", "i2c1:0x3c:nack"});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_EQ(result.output.find("fidelity warning"), std::string::npos) << result.output;
    for (const std::string wrong : {"i2c3:0x50:24c02", "i2c1:0xa0:24c02", "i2c1:0x50", "i2c1:0x50:24c04"}) {
        const CommandResult refused = run_program({kHiltest, "sim", "run", elf, "--i2c-device", wrong});
        EXPECT_EQ(refused.exit_code, 2) << wrong << "\n" << refused.output;
        EXPECT_NE(refused.output.find("is not BUS:ADDRESS:DEVICE"), std::string::npos) << refused.output;
    }
    const CommandResult twice = run_program({kHiltest, "sim", "run", elf, "--for", "1ms", "--i2c-device",
                                             "i2c1:0x50:24c02", "--i2c-device", "i2c1:80:nack"});
    EXPECT_EQ(twice.exit_code, 2) << twice.output;
    EXPECT_NE(twice.output.find("two I2C devices at I2C1 address 0x50"), std::string::npos) << twice.output;
}

TEST_F(I2cFixture, TheI2cEepromSuitePasses)
{
    const CommandResult result = run(testsuite("i2c-eeprom"));
    EXPECT_EQ(result.exit_code, 0) << result.output;
}

TEST_F(I2cFixture, WithoutTheDevicesTheSuiteFails)
{
    std::ifstream in(testsuite("i2c-eeprom"));
    json suite = json::parse(in);
    suite["simulated_board"].erase("i2c");
    suite.erase("$schema");
    const CommandResult result = run(write_suite("i2c-eeprom", suite.dump()));
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("FAIL  page write and ACK polling"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace hiltest
