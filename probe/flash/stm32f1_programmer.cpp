#include "probe/flash/stm32f1_programmer.hpp"

#include <algorithm>

#include "probe/base/error.hpp"
#include "probe/base/hex.hpp"
#include "probe/flash/checksums.hpp"
#include "probe/flash/loader_code.hpp"
#include "probe/flash/ram_loader.hpp"

namespace hiltest::probe::flash {

namespace {

// What a page of flash holds compared with what the image wants there.
enum class PageState { Unknown, Same, Erased, Different };

struct Page {
    uint32_t address = 0;
    std::vector<uint8_t> bytes;  // the image's bytes for the whole page, 0xFF where it defines none
    uint32_t crc = 0;
    PageState state = PageState::Unknown;
    bool written = false;  // erased and/or programmed in this run
};

bool is_blank(std::span<const uint8_t> bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](uint8_t b) { return b == 0xFF; });
}

uint64_t programmed_half_words(std::span<const uint8_t> bytes)
{
    uint64_t count = 0;
    for (size_t i = 0; i + 1 < bytes.size(); i += 2) count += !(bytes[i] == 0xFF && bytes[i + 1] == 0xFF);
    return count;
}

// The loader is worth falling back from only when the target refused it; a dead link is not.
bool loader_failure_is_recoverable(ErrorKind kind)
{
    return kind == ErrorKind::ProgramError || kind == ErrorKind::TargetFault || kind == ErrorKind::Internal ||
           kind == ErrorKind::Timeout;
}

}  // namespace

FlashGeometry geometry_for(const target::DetectedTarget& detected)
{
    if (!detected.chip || detected.chip->family != target::Family::STM32F1) {
        throw Error(ErrorKind::WrongTarget,
                    "flash programming supports STM32F1 parts; the connected chip is " + detected.description(),
                    "connect an STM32F1 (e.g. the Blue Pill's STM32F103C8)");
    }
    return stm32f1_geometry(detected.flash_kb, detected.chip->page_bytes, detected.chip->ram_kb);
}

class Stm32f1Programmer::Run {
public:
    Run(Stm32f1Programmer& programmer, const Image& image, const FlashOptions& options)
        : core_(programmer.core_), clock_(core_.clock()), geometry_(programmer.geometry_), timing_(programmer.timing_),
          fpec_(core_.target(), clock_, timing_), image_(image), options_(options)
    {
    }

    FlashStatistics execute()
    {
        const TimePoint start = clock_.now();
        const bool count_usb = static_cast<bool>(options_.usb_transactions);
        const uint64_t usb_start = count_usb ? options_.usb_transactions() : 0;

        // Everything that can refuse the image happens before the target is touched.
        check_image_fits(image_, geometry_);
        if (touches_option_bytes(image_, geometry_)) {
            throw Error(ErrorKind::Usage, "the image '" + image_.source + "' writes the option bytes at " +
                                              hex(geometry_.option_base) + ", which this programmer does not change",
                        "remove the option-byte section from the image; to clear protection use `hiltest flash --unlock` "
                        "(or \"unlock\": true in a suite's flash step)");
        }
        plan_pages();
        stats_.image_sha256 = image_sha256(image_);
        stats_.image_bytes = image_.total_bytes();
        stats_.pages_touched = static_cast<uint32_t>(pages_.size());

        try {
            prepare_target();
            compare();
            write_pages();
            if (options_.verify) verify();
            finish();
        } catch (...) {
            abandon();
            throw;
        }
        if (options_.run_after) start_firmware();

        stats_.duration = clock_.now() - start;
        if (count_usb) {
            stats_.usb_transactions_known = true;
            stats_.usb_transactions = options_.usb_transactions() - usb_start;
        }
        stats_.chip_floor = timing_.page_erase_typical * stats_.pages_erased +
                            timing_.program_typical * static_cast<int64_t>(stats_.half_words_programmed);
        report(FlashPhase::Done, 1, 1);
        return stats_;
    }

private:
    void start_firmware()
    {
        try {
            core_.reset_and_run(options_.reset_method);
            // DHCSR.C_HALT survives a system reset: a core halted before stays halted after it.
            if (core_.status().halted()) core_.resume();
        } catch (const Error& e) {
            // The new firmware may take the SWD pins (or sleep) as soon as it runs: that it can no
            // longer be reached says it started. The image was programmed and verified before.
            if (e.kind() != ErrorKind::TargetNotResponding) throw;
            stats_.link_lost_after_start = true;
        }
    }

    void report(FlashPhase phase, uint64_t done, uint64_t total)
    {
        if (options_.progress) options_.progress(FlashProgress{phase, done, total});
    }

    void plan_pages()
    {
        for (uint32_t index : touched_pages(image_, geometry_)) {
            Page page;
            page.address = geometry_.page_address(index);
            page.bytes.resize(geometry_.page_size);
            image_.copy_range(page.address, page.bytes);
            page.crc = crc32(page.bytes);
            pages_.push_back(std::move(page));
        }
        blank_crc_ = crc32(std::vector<uint8_t>(geometry_.page_size, 0xFF));
    }

    void prepare_target()
    {
        if (options_.reset_before) reset_and_halt();
        else if (!core_.status().halted()) core_.halt();

        const bool read_protected = fpec_.read_protected();
        const uint32_t wrpr = fpec_.write_protection_register();
        const std::vector<uint32_t> protected_pages = write_protected_pages(wrpr);
        if (read_protected || !protected_pages.empty()) {
            if (!options_.unlock) refuse_protected(read_protected, protected_pages);
            report(FlashPhase::Unlock, 0, 1);
            fpec_.remove_read_protection();
            // New option bytes load only at reset; the chip erased its flash if RDP was set.
            reset_and_halt();
            if (fpec_.read_protected() || !write_protected_pages(fpec_.write_protection_register()).empty()) {
                throw Error(ErrorKind::FlashProtected, "the chip is still protected after removing protection and a reset",
                            "power-cycle the board (option bytes load at power-on on some parts) and flash again");
            }
            stats_.unlocked = true;
            if (read_protected) {
                for (Page& page : pages_) page.state = is_blank(page.bytes) ? PageState::Same : PageState::Erased;
            }
            report(FlashPhase::Unlock, 1, 1);
        }
        fpec_.unlock();
        fpec_.prepare();

        if (!options_.use_loader) {
            stats_.loader_fallback_reason = "direct writes requested";
            return;
        }
        const auto code = stm32f1_loader_code();
        if (code.empty()) {
            stats_.loader_fallback_reason = "this build has no RAM loader (no arm-none-eabi-gcc)";
            return;
        }
        if (geometry_.sram_size < LOADER_SRAM_NEEDED) {
            stats_.loader_fallback_reason = "the chip's " + std::to_string(geometry_.sram_size / 1024) +
                                            " KB of SRAM are too few for the RAM loader";
            return;
        }
        try {
            loader_.emplace(core_, geometry_.page_size, timing_);
            loader_->start(code);
            stats_.used_loader = true;
        } catch (const Error& error) {
            if (!loader_failure_is_recoverable(error.kind())) throw;
            loader_.reset();
            stats_.loader_fallback_reason = error.what();
            if (!core_.status().halted()) core_.halt();
        }
    }

    // Reset with the chosen method; NRST when that does not work (a locked-up core that ignores
    // SYSRESETREQ); finally a plain halt, which is all programming strictly needs.
    void reset_and_halt()
    {
        auto attempt = [&](arm::ResetMethod method) {
            try {
                core_.reset_and_halt(method);
                return true;
            } catch (const Error& error) {
                if (error.kind() != ErrorKind::Timeout && error.kind() != ErrorKind::TargetNotResponding) throw;
                return false;
            }
        };
        if (attempt(options_.reset_method)) return;
        if (options_.reset_method != arm::ResetMethod::Nrst && attempt(arm::ResetMethod::Nrst)) return;
        if (!core_.status().halted()) core_.halt();
    }

    std::vector<uint32_t> write_protected_pages(uint32_t wrpr) const
    {
        // One WRPR bit per 4 KB of flash; bit 31 covers everything above on larger parts.
        std::vector<uint32_t> result;
        for (const Page& page : pages_) {
            const uint32_t bit = std::min<uint32_t>((page.address - geometry_.base) / 4096, 31);
            if (!(wrpr & (1u << bit))) result.push_back(page.address);
        }
        return result;
    }

    [[noreturn]] void refuse_protected(bool read_protected, const std::vector<uint32_t>& protected_pages)
    {
        if (read_protected) {
            throw Error(ErrorKind::FlashProtected,
                        "the chip's flash is read-out protected (RDP level 1): it cannot be read or reprogrammed",
                        "remove the protection with `hiltest flash --unlock IMAGE` or \"unlock\": true in the suite's "
                        "flash step; this erases the whole chip");
        }
        throw Error(ErrorKind::FlashProtected,
                    "the image writes write-protected flash (" + std::to_string(protected_pages.size()) +
                        " pages, first at " + hex(protected_pages.front()) + ")",
                    "clear the write protection (option bytes WRP0-3) with `hiltest flash --unlock IMAGE` or "
                    "\"unlock\": true in the suite's flash step");
    }

    // Runs of consecutive pages with the same `state` need, at most `limit` pages long.
    template <class Select, class Handle>
    void for_each_run(Select select, uint32_t limit, Handle handle)
    {
        size_t i = 0;
        while (i < pages_.size()) {
            if (!select(pages_[i])) {
                ++i;
                continue;
            }
            size_t end = i + 1;
            while (end < pages_.size() && end - i < limit && select(pages_[end]) &&
                   pages_[end].address == pages_[end - 1].address + geometry_.page_size &&
                   pages_[end].state == pages_[i].state) {
                ++end;
            }
            handle(i, end);
            i = end;
        }
    }

    void compare()
    {
        if (!options_.skip_unchanged) {
            for (Page& page : pages_) {
                if (page.state == PageState::Unknown) page.state = PageState::Different;
            }
            return;
        }
        const uint64_t total = uint64_t{geometry_.page_size} * pages_.size();
        uint64_t done = 0;
        report(FlashPhase::Compare, 0, total);
        auto unknown = [](const Page& page) { return page.state == PageState::Unknown; };
        if (loader_) {
            for_each_run(unknown, UINT32_MAX, [&](size_t first, size_t end) {
                const auto crcs = loader_->crc_pages(pages_[first].address, static_cast<uint32_t>(end - first));
                for (size_t i = first; i < end; ++i) classify(pages_[i], crcs[i - first]);
                done += (end - first) * geometry_.page_size;
                report(FlashPhase::Compare, done, total);
            });
            return;
        }
        std::vector<uint8_t> current(geometry_.page_size);
        for (Page& page : pages_) {
            if (page.state != PageState::Unknown) continue;
            core_.target().read_memory(page.address, current);
            page.state = current == page.bytes ? PageState::Same
                         : is_blank(current)   ? PageState::Erased
                                               : PageState::Different;
            done += geometry_.page_size;
            report(FlashPhase::Compare, done, total);
        }
    }

    void classify(Page& page, uint32_t target_crc) const
    {
        page.state = target_crc == page.crc ? PageState::Same
                     : target_crc == blank_crc_ ? PageState::Erased
                                                : PageState::Different;
    }

    // Erases (unless the pages are blank) and programs pages_[first, end).
    void write_run(size_t first, size_t end)
    {
        const bool erase = pages_[first].state == PageState::Different;
        std::vector<uint8_t> data;
        for (size_t i = first; i < end; ++i) data.insert(data.end(), pages_[i].bytes.begin(), pages_[i].bytes.end());
        // Trailing erased half-words need no programming: do not send them.
        size_t length = data.size();
        while (length >= 2 && data[length - 1] == 0xFF && data[length - 2] == 0xFF) length -= 2;
        data.resize(length);
        const uint32_t address = pages_[first].address;
        const auto pages = static_cast<uint32_t>(end - first);
        const uint64_t half_words = programmed_half_words(data);
        if (loader_) {
            LoaderRequest request;
            request.command = (erase ? LOADER_CMD_ERASE : 0u) | (length ? LOADER_CMD_PROGRAM : 0u);
            request.address = address;
            request.length = static_cast<uint32_t>(length);
            request.erase_length = erase ? pages * geometry_.page_size : 0;
            request.data = data;
            request.expected = (erase ? timing_.page_erase_typical * pages : Duration::zero()) +
                               RamLoader::program_time(half_words, timing_);
            if (request.command != 0) loader_->submit(request);
        } else {
            if (erase) {
                for (uint32_t p = 0; p < pages; ++p) fpec_.erase_page(address + p * geometry_.page_size);
            }
            if (length) fpec_.program(address, data);
        }
        for (size_t i = first; i < end; ++i) pages_[i].written = true;
        if (erase) stats_.pages_erased += pages;
        if (length) stats_.pages_programmed += pages;
        stats_.half_words_programmed += half_words;
        stats_.bytes_written += uint64_t{pages} * geometry_.page_size;
    }

    void write_pages()
    {
        auto needs_work = [](const Page& page) { return page.state != PageState::Same; };
        uint64_t total = 0;
        for (const Page& page : pages_) {
            if (needs_work(page)) total += geometry_.page_size;
            else ++stats_.pages_skipped;
        }
        uint64_t done = 0;
        report(FlashPhase::Program, 0, total);
        const uint32_t limit = loader_ ? loader_->pages_per_slot() : 1;
        for_each_run(needs_work, limit, [&](size_t first, size_t end) {
            write_run(first, end);
            done += uint64_t{end - first} * geometry_.page_size;
            report(FlashPhase::Program, done, total);
        });
        if (loader_) loader_->drain();
    }

    // Pages the compare phase found identical were checksummed moments ago: only written pages
    // are checked again.
    void verify()
    {
        auto written = [](const Page& page) { return page.written; };
        const uint64_t total =
            uint64_t{geometry_.page_size} * static_cast<uint64_t>(std::count_if(pages_.begin(), pages_.end(), written));
        uint64_t done = 0;
        report(FlashPhase::Verify, 0, total);
        if (loader_) {
            for_each_run(written, UINT32_MAX, [&](size_t first, size_t end) {
                const auto crcs = loader_->crc_pages(pages_[first].address, static_cast<uint32_t>(end - first));
                for (size_t i = first; i < end; ++i) {
                    if (crcs[i - first] != pages_[i].crc) check_checksum_mismatch(pages_[i]);
                }
                done += (end - first) * geometry_.page_size;
                report(FlashPhase::Verify, done, total);
            });
        } else {
            for (const Page& page : pages_) {
                if (!page.written) continue;
                std::vector<uint8_t> current(geometry_.page_size);
                core_.target().read_memory(page.address, current);
                if (current != page.bytes) check_read_back(page);
                done += geometry_.page_size;
                report(FlashPhase::Verify, done, total);
            }
        }
        stats_.verified = true;
    }

    // The on-chip checksum of a page differs from the image's. Its 4-byte reply may have been
    // corrupted on the way: the page is checksummed once more, then read back, which decides.
    void check_checksum_mismatch(const Page& page)
    {
        ++stats_.verify_rereads;
        if (loader_->crc_pages(page.address, 1).front() == page.crc) return;
        check_read_back(page);
    }

    // A read-back differed from the image. One corrupted read is link noise, not worn flash: the
    // page is read until two reads agree, and only content that agrees and differs is a mismatch.
    void check_read_back(const Page& page)
    {
        ++stats_.verify_rereads;
        std::vector<uint8_t> current = agreed_read(page.address);
        if (current != page.bytes) {
            // What a noisy link corrupts on the way in gets programmed: the page is written once
            // more before the flash itself is blamed.
            const auto index = static_cast<size_t>(&page - pages_.data());
            pages_[index].state = PageState::Different;
            write_run(index, index + 1);
            if (loader_) loader_->drain();
            ++stats_.pages_rewritten;
            current = agreed_read(page.address);
        }
        for (size_t i = 0; i < current.size(); ++i) {
            if (current[i] == page.bytes[i]) continue;
            throw Error(ErrorKind::VerifyMismatch,
                        "verify failed: flash at " + hex(page.address + i) + " reads " + hex(current[i], 2) +
                            " where the image has " + hex(page.bytes[i], 2) + " in two reads (image '" +
                            image_.source + "')",
                        "flash again with --no-skip; if the same address fails again the flash cell may be worn out");
        }
    }

    std::vector<uint8_t> agreed_read(uint32_t address)
    {
        std::vector<std::vector<uint8_t>> reads;
        for (int attempt = 0; attempt < 4; ++attempt) {
            std::vector<uint8_t> read(geometry_.page_size);
            core_.target().read_memory(address, read);
            for (const auto& earlier : reads)
                if (earlier == read) return read;
            reads.push_back(std::move(read));
        }
        throw Error(ErrorKind::LinkNoise,
                    "reading back the flash page at " + hex(address) +
                        " gave four different results: the SWD link corrupts data",
                    "use shorter SWD wires with a good ground, or a slower SWD clock (--speed 480)");
    }

    void finish()
    {
        if (loader_) loader_->stop();
        fpec_.lock();
    }

    // After a failure: stop whatever runs and leave the FPEC locked, as far as the link allows.
    void abandon() noexcept
    {
        try {
            loader_.reset();
            if (!core_.status().halted()) core_.halt();
            fpec_.lock();
        } catch (...) {
        }
    }

    arm::CortexM& core_;
    Clock& clock_;
    const FlashGeometry& geometry_;
    const FpecTiming& timing_;
    Stm32f1Fpec fpec_;
    const Image& image_;
    const FlashOptions& options_;
    std::vector<Page> pages_;
    uint32_t blank_crc_ = 0;
    std::optional<RamLoader> loader_;
    FlashStatistics stats_;
};

Stm32f1Programmer::Stm32f1Programmer(arm::CortexM& core, FlashGeometry geometry, FpecTiming timing)
    : core_(core), geometry_(geometry), timing_(timing)
{
}

FlashStatistics Stm32f1Programmer::program(const Image& image, const FlashOptions& options)
{
    return Run(*this, image, options).execute();
}

}  // namespace hiltest::probe::flash
