/* STM32F1 RAM flash loader. Runs from SRAM at 0x20000000 with interrupts masked; the host
 * fills four data slots round-robin while the loader erases, programs or checksums the one
 * before, so USB transfers overlap flash programming. Entry: r0 = flash page size. See
 * loader_abi.h for the layout and probe/flash/README.md for the protocol. */
#include "loader_abi.h"

#define REG(address) (*(volatile uint32_t*)(address))
#define FLASH_KEYR REG(LOADER_FLASH_REGS + 0x04)
#define FLASH_SR REG(LOADER_FLASH_REGS + 0x0C)
#define FLASH_CR REG(LOADER_FLASH_REGS + 0x10)
#define FLASH_AR REG(LOADER_FLASH_REGS + 0x14)
#define IWDG_KR REG(LOADER_IWDG_KR)
#define FLASH_ACR REG(LOADER_FLASH_REGS + 0x00)
#define RCC_CR REG(0x40021000u)
#define RCC_CFGR REG(0x40021004u)

#define RCC_CR_PLLON (1u << 24)
#define RCC_CR_PLLRDY (1u << 25)
#define RCC_CFGR_SWS_MASK (3u << 2)
#define RCC_CFGR_SWS_PLL (2u << 2)
#define RCC_CFGR_SW_PLL 2u
/* PLL from HSI/2 x 16 = 64 MHz, APB1 = HCLK/2 (at most 36 MHz), everything else /1. */
#define RCC_CFGR_PLL64 ((14u << 18) | (4u << 8))
#define ACR_RESET 0x30u
#define ACR_TWO_WAIT_STATES 0x32u

#define SR_BSY 0x01u
#define SR_ERRORS (LOADER_STATUS_PGERR | LOADER_STATUS_WRPRTERR)
#define SR_EOP 0x20u
#define CR_PG 0x01u
#define CR_PER 0x02u
#define CR_STRT 0x40u
#define CR_LOCK 0x80u

static volatile struct loader_control* const control = (volatile struct loader_control*)LOADER_CONTROL;
static uint32_t* const crc_table = (uint32_t*)LOADER_CRC_TABLE;

static void kick_watchdog(void)
{
    /* Harmless when the independent watchdog is off; keeps it from resetting us when it is on. */
    IWDG_KR = 0xAAAAu;
}

static uint32_t wait_idle(void)
{
    while (FLASH_SR & SR_BSY) {
    }
    return FLASH_SR & SR_ERRORS;
}

static void unlock(void)
{
    if (FLASH_CR & CR_LOCK) {
        FLASH_KEYR = 0x45670123u;
        FLASH_KEYR = 0xCDEF89ABu;
    }
}

/* Checksumming is CPU-bound: run it at 64 MHz from the HSI PLL instead of the 8 MHz HSI the
 * chip resets to. Only from the reset clock configuration; anything else is left alone.
 * Flash program/erase times do not depend on SYSCLK (the FPEC runs from the HSI). */
static uint32_t clock_up(void)
{
    if ((RCC_CFGR & RCC_CFGR_SWS_MASK) != 0 || (RCC_CR & RCC_CR_PLLON) || RCC_CFGR != 0) return 0;
    FLASH_ACR = ACR_TWO_WAIT_STATES;
    RCC_CFGR = RCC_CFGR_PLL64;
    RCC_CR |= RCC_CR_PLLON;
    while (!(RCC_CR & RCC_CR_PLLRDY)) {
    }
    RCC_CFGR = RCC_CFGR_PLL64 | RCC_CFGR_SW_PLL;
    while ((RCC_CFGR & RCC_CFGR_SWS_MASK) != RCC_CFGR_SWS_PLL) {
    }
    return 1;
}

/* Back to the reset configuration, so firmware started without a reset finds what it expects. */
static void clock_down(void)
{
    RCC_CFGR = RCC_CFGR_PLL64; /* SW = HSI */
    while ((RCC_CFGR & RCC_CFGR_SWS_MASK) != 0) {
    }
    RCC_CR &= ~RCC_CR_PLLON;
    RCC_CFGR = 0;
    FLASH_ACR = ACR_RESET;
}

static uint32_t erase(uint32_t address, uint32_t length, uint32_t page_size, uint32_t* fail)
{
    uint32_t page = address & ~(page_size - 1u);
    const uint32_t end = address + length;
    for (; page < end; page += page_size) {
        kick_watchdog();
        FLASH_SR = SR_ERRORS | SR_EOP;
        FLASH_CR = CR_PER;
        FLASH_AR = page;
        FLASH_CR = CR_PER | CR_STRT;
        const uint32_t status = wait_idle();
        FLASH_CR = 0;
        if (status) {
            *fail = page;
            return status;
        }
    }
    return 0;
}

static uint32_t program(uint32_t address, const uint16_t* source, uint32_t length, uint32_t* fail)
{
    volatile uint16_t* target = (volatile uint16_t*)address;
    const uint32_t count = length / 2u;
    uint32_t status = 0;
    uint32_t until_kick = 256u;
    FLASH_SR = SR_ERRORS | SR_EOP;
    FLASH_CR = CR_PG;
    for (uint32_t i = 0; i < count; ++i) {
        const uint32_t value = source[i];
        if (value == 0xFFFFu) continue; /* erased flash already holds it: no program cycle */
        target[i] = (uint16_t)value;
        status = wait_idle();
        if (!status) {
            uint32_t written; /* LDRH zero-extends; plain C gets a redundant UXTH from gcc */
            __asm volatile("ldrh %0, [%1]" : "=r"(written) : "r"(&target[i]) : "memory");
            if (written != value) status = LOADER_STATUS_MISMATCH;
        }
        if (status) {
            *fail = address + 2u * i;
            break;
        }
        if (--until_kick == 0) {
            kick_watchdog();
            until_kick = 256u;
        }
    }
    FLASH_CR = 0;
    return status;
}

/* AND #255 rather than the UXTB the compiler would pick: one encoding fewer for a core model
 * (or a clone) to get wrong, and the same speed. */
static inline uint32_t low_byte(uint32_t value)
{
    uint32_t result;
    __asm("and %0, %1, #255" : "=r"(result) : "r"(value));
    return result;
}

static uint32_t crc_update(uint32_t crc, const uint8_t* bytes, uint32_t length)
{
    for (uint32_t i = 0; i < length; ++i) crc = crc_table[low_byte(crc ^ bytes[i])] ^ (crc >> 8);
    return crc;
}

static void crc_pages(uint32_t address, uint32_t length, uint32_t page_size, uint32_t* out)
{
    for (uint32_t page = 0; page * page_size < length; ++page) {
        const uint8_t* bytes = (const uint8_t*)(address + page * page_size);
        out[page] = ~crc_update(0xFFFFFFFFu, bytes, page_size);
        kick_watchdog();
    }
}

static void build_crc_table(void)
{
    for (uint32_t i = 0; i < 256u; ++i) {
        uint32_t value = i;
        for (int bit = 0; bit < 8; ++bit) value = (value & 1u) ? (value >> 1) ^ 0xEDB88320u : value >> 1;
        crc_table[i] = value;
    }
}

static uint32_t crc_word(uint32_t crc, uint32_t word)
{
    const uint8_t bytes[4] = {(uint8_t)word, (uint8_t)(word >> 8), (uint8_t)(word >> 16), (uint8_t)(word >> 24)};
    return crc_update(crc, bytes, 4u);
}

/* The request as the host sent it, or not: see `check` in loader_abi.h. Checksumming data is
 * CPU-bound, so it runs at 64 MHz like the CRC command. */
static uint32_t intact(volatile struct loader_descriptor* request, const uint32_t* data, uint32_t command)
{
    if (!control->crc_table_ready) {
        build_crc_table();
        control->crc_table_ready = 1;
    }
    const uint32_t length = request->length;
    uint32_t crc = 0xFFFFFFFFu;
    crc = crc_word(crc, request->address);
    crc = crc_word(crc, length);
    crc = crc_word(crc, request->sequence);
    crc = crc_word(crc, request->erase_length);
    crc = crc_word(crc, command);
    if ((command & LOADER_CMD_PROGRAM) && length <= LOADER_SLOT_DATA) {
        const uint32_t fast_clock = clock_up();
        crc = crc_update(crc, (const uint8_t*)data, length);
        if (fast_clock) clock_down();
    }
    return ~crc == request->check;
}

static uint32_t run(volatile struct loader_descriptor* request, uint32_t* data, uint32_t command, uint32_t page_size)
{
    const uint32_t address = request->address;
    const uint32_t length = request->length;
    const uint32_t erase_length = request->erase_length;
    uint32_t fail = address;
    uint32_t status = 0;
    if (!intact(request, data, command)) {
        status = LOADER_STATUS_CORRUPT;
    } else if ((length & 1u) || (address & 1u) || length > LOADER_SLOT_DATA * (page_size / 4u)) {
        status = LOADER_STATUS_BAD_REQUEST;
    } else {
        if ((command & (LOADER_CMD_ERASE | LOADER_CMD_PROGRAM)) != 0) unlock();
        if (command & LOADER_CMD_ERASE) status = erase(address, erase_length, page_size, &fail);
        if (!status && (command & LOADER_CMD_PROGRAM)) {
            if (length > LOADER_SLOT_DATA) status = LOADER_STATUS_BAD_REQUEST;
            else status = program(address, (const uint16_t*)data, length, &fail);
        }
        if (!status && (command & LOADER_CMD_CRC)) {
            /* Only checksumming is CPU-bound; flash waits and idle polling stay at 8 MHz. */
            const uint32_t fast_clock = clock_up();
            crc_pages(address, length, page_size, data);
            if (fast_clock) clock_down();
        }
    }
    request->fail_address = status ? fail : 0;
    request->status = status;
    return status;
}

__attribute__((noreturn, section(".text.entry"))) void loader_entry(uint32_t page_size)
{
    __asm volatile("cpsid i");
    for (uint32_t slot = 0; slot < LOADER_SLOT_COUNT; ++slot) {
        volatile struct loader_descriptor* request =
            (volatile struct loader_descriptor*)(LOADER_SLOT_BASE + slot * LOADER_SLOT_STRIDE + LOADER_SLOT_DATA);
        request->command = 0;
    }
    control->page_size = page_size;
    control->crc_table_ready = 0;
    control->completed = 0;
    control->errors = 0;
    control->ready = LOADER_READY_MAGIC;
    for (uint32_t slot = 0;; slot = (slot + 1u) & (LOADER_SLOT_COUNT - 1u)) {
        uint32_t* data = (uint32_t*)(LOADER_SLOT_BASE + slot * LOADER_SLOT_STRIDE);
        volatile struct loader_descriptor* request =
            (volatile struct loader_descriptor*)(LOADER_SLOT_BASE + slot * LOADER_SLOT_STRIDE + LOADER_SLOT_DATA);
        uint32_t command;
        while ((command = request->command) == 0) kick_watchdog();
        if (command & LOADER_CMD_EXIT) {
            request->status = 0;
            control->completed = request->sequence;
            request->command = 0;
            FLASH_CR = CR_LOCK;
            for (;;) __asm volatile("bkpt #0");
        }
        if (run(request, data, command, page_size)) control->errors = control->errors + 1u;
        control->completed = request->sequence;
        request->command = 0;
    }
}
