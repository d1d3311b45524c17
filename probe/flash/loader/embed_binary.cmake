# cmake -DINPUT=loader.bin -DOUTPUT=loader_code.cpp -DMAX_SIZE=1024 -P embed_binary.cmake
# Turns the loader's raw binary into a C++ source the host library links, so the programmer
# carries the exact bytes it uploads to the target.
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" digits)
math(EXPR size "${digits} / 2")
if(size EQUAL 0)
  message(FATAL_ERROR "flash loader binary ${INPUT} is empty")
endif()
if(size GREATER MAX_SIZE)
  message(FATAL_ERROR "flash loader is ${size} bytes, more than the ${MAX_SIZE} its SRAM slot holds")
endif()
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n    " bytes "${bytes}")
file(WRITE ${OUTPUT}.tmp
"// Generated from ${INPUT} by probe/flash/loader/embed_binary.cmake. Do not edit.
#include \"probe/flash/loader_code.hpp\"

namespace hiltest::probe::flash {

namespace {
const uint8_t kLoaderCode[] = {
    ${bytes}
};
}  // namespace

std::span<const uint8_t> stm32f1_loader_code() { return kLoaderCode; }

}  // namespace hiltest::probe::flash
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
