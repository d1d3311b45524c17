/* The contract between the STM32F1 RAM flash loader (stm32f1_loader.c, runs on the target) and
 * the host programmer (probe/flash/ram_loader.cpp). Plain C so both sides include it.
 * Layout, commands and status words are described in probe/flash/README.md. */
#ifndef HILTEST_FLASH_LOADER_ABI_H
#define HILTEST_FLASH_LOADER_ABI_H

/* SRAM layout (the loader is linked to run at LOADER_CODE_BASE). */
#define LOADER_CODE_BASE 0x20000000u
#define LOADER_CODE_MAX 0x3E0u          /* code must fit below the control block */
#define LOADER_CONTROL 0x200003E0u      /* struct loader_control, right after the code area so the
                                           host zeroes it in the same write that uploads the code */
#define LOADER_CRC_TABLE 0x20000400u    /* 256 words, built by the loader at start */
#define LOADER_STACK_TOP 0x20001000u
#define LOADER_SLOT_BASE 0x20001000u    /* slot i at LOADER_SLOT_BASE + i * LOADER_SLOT_STRIDE */
#define LOADER_SLOT_STRIDE 0x1000u
#define LOADER_SLOT_COUNT 4u
#define LOADER_SLOT_DATA 0xC00u         /* data bytes per slot; the descriptor follows them */
#define LOADER_SRAM_NEEDED (LOADER_SLOT_BASE + LOADER_SLOT_COUNT * LOADER_SLOT_STRIDE - LOADER_CODE_BASE)

/* Written by the loader once every slot descriptor is cleared. */
#define LOADER_READY_MAGIC 0x4C4F4144u  /* "LOAD" */

/* Command bits (descriptor word `command`); executed in this order: erase, program, crc. */
#define LOADER_CMD_ERASE 0x1u    /* erase every page overlapping [address, address + erase_length) */
#define LOADER_CMD_PROGRAM 0x2u  /* program `length` bytes (even) from the slot data to `address` */
#define LOADER_CMD_CRC 0x4u      /* CRC-32 of each page in [address, address + length) -> data words */
#define LOADER_CMD_EXIT 0x8u     /* finish: the loader executes BKPT */

/* Status bits (descriptor word `status`); 0 = success. Low bits are FLASH_SR's own. */
#define LOADER_STATUS_PGERR 0x04u
#define LOADER_STATUS_WRPRTERR 0x10u
#define LOADER_STATUS_MISMATCH 0x100u  /* a programmed half-word read back different */
#define LOADER_STATUS_BAD_REQUEST 0x200u /* odd length, length beyond slot, unaligned address */
#define LOADER_STATUS_CORRUPT 0x400u   /* `check` does not match: the request arrived corrupted */

#define LOADER_FLASH_REGS 0x40022000u
#define LOADER_IWDG_KR 0x40003000u

#ifndef __ASSEMBLER__
#include <stdint.h>

/* At slot + LOADER_SLOT_DATA. The host writes address, length and (last) command in one
 * ascending write; the loader writes status and fail_address, then clears command. */
struct loader_descriptor {
    uint32_t address;
    uint32_t length;
    uint32_t status;
    uint32_t fail_address;
    uint32_t sequence;  /* host's number for the request, echoed in loader_control.completed */
    uint32_t erase_length; /* with LOADER_CMD_ERASE: erase pages overlapping [address, address + erase_length) */
    /* CRC-32 of address, length, sequence, erase_length and command (little-endian words, in that
     * order), then of the `length` data bytes for LOADER_CMD_PROGRAM. The loader acts on nothing
     * that fails it: a request corrupted on a noisy SWD link must not erase or program the
     * wrong place. */
    uint32_t check;
    uint32_t command;
};

struct loader_control {
    uint32_t ready;      /* LOADER_READY_MAGIC once running */
    uint32_t page_size;  /* copied from r0 at entry */
    uint32_t completed;  /* sequence of the last finished request */
    uint32_t errors;     /* requests that ended with a non-zero status */
    uint32_t crc_table_ready; /* the table is built on the first checksum request */
    uint32_t reserved[3];
};
#endif

#endif
