#include "runner/session/blink_analysis.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace hiltest::session {
namespace {

using Vector3 = std::array<double, 3>;
using Matrix3 = std::array<Vector3, 3>;

double seconds(Nanoseconds duration)
{
    return std::chrono::duration<double>(duration).count();
}

// Edge k of a steady blink lies at start + k%2 · first_level + (k/2) · period: the regressors.
Vector3 regressors(std::size_t k)
{
    return {1.0, static_cast<double>(k % 2), static_cast<double>(k / 2)};
}

std::optional<Matrix3> inverse(const Matrix3& m)
{
    Matrix3 c{};  // cofactors, transposed: the adjugate
    c[0][0] = m[1][1] * m[2][2] - m[1][2] * m[2][1];
    c[0][1] = m[0][2] * m[2][1] - m[0][1] * m[2][2];
    c[0][2] = m[0][1] * m[1][2] - m[0][2] * m[1][1];
    c[1][0] = m[1][2] * m[2][0] - m[1][0] * m[2][2];
    c[1][1] = m[0][0] * m[2][2] - m[0][2] * m[2][0];
    c[1][2] = m[0][2] * m[1][0] - m[0][0] * m[1][2];
    c[2][0] = m[1][0] * m[2][1] - m[1][1] * m[2][0];
    c[2][1] = m[0][1] * m[2][0] - m[0][0] * m[2][1];
    c[2][2] = m[0][0] * m[1][1] - m[0][1] * m[1][0];
    const double determinant = m[0][0] * c[0][0] + m[0][1] * c[1][0] + m[0][2] * c[2][0];
    if (!(std::abs(determinant) > 0)) return std::nullopt;
    for (auto& row : c)
        for (double& value : row) value /= determinant;
    return c;
}

Vector3 times(const Matrix3& m, const Vector3& v)
{
    Vector3 out{};
    for (std::size_t i = 0; i < 3; ++i) out[i] = m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2];
    return out;
}

// Weighted least squares over all edges, both kinds: edge k has weight 1/u_k², u_k its
// uncertainty. The fit is linear in the edge times, so its worst case is the sum of
// |coefficient| × u_k over the edges.
void fit_steady_blink(const std::vector<PinEdge>& edges, BlinkMeasurement& m)
{
    if (edges.size() < 3) return;
    const auto weight = [&](std::size_t k) {
        // An uncertainty of 0 (two samples at one instant) would take the whole fit: floor it.
        const double u = std::max(seconds(edges[k].uncertainty), 1e-9);
        return 1.0 / (u * u);
    };
    Matrix3 normal{};
    for (std::size_t k = 0; k < edges.size(); ++k) {
        const Vector3 x = regressors(k);
        const double w = weight(k);
        for (std::size_t i = 0; i < 3; ++i)
            for (std::size_t j = 0; j < 3; ++j) normal[i][j] += w * x[i] * x[j];
    }
    const std::optional<Matrix3> inv = inverse(normal);
    if (!inv) return;
    const Nanoseconds origin = edges.front().time;
    // coefficients(k)[i]: how much edge k's time moves parameter i.
    const auto coefficients = [&](std::size_t k) {
        Vector3 c = times(*inv, regressors(k));
        for (double& value : c) value *= weight(k);
        return c;
    };
    Vector3 beta{};
    double period_bound = 0;
    for (std::size_t k = 0; k < edges.size(); ++k) {
        const Vector3 c = coefficients(k);
        const double y = seconds(edges[k].time - origin);
        for (std::size_t i = 0; i < 3; ++i) beta[i] += c[i] * y;
        period_bound += std::abs(c[2]) * seconds(edges[k].uncertainty);
    }
    const double period = beta[2];
    if (!(period > 0)) return;
    double misfit = 0;
    for (std::size_t k = 0; k < edges.size(); ++k) {
        const Vector3 x = regressors(k);
        const double fitted = beta[0] * x[0] + beta[1] * x[1] + beta[2] * x[2];
        const double off = std::abs(seconds(edges[k].time - origin) - fitted) - seconds(edges[k].uncertainty);
        misfit = std::max(misfit, off);
    }
    const bool starts_high = edges.front().rising;  // then the level after edge 0 is the high one
    const double high = starts_high ? beta[1] : period - beta[1];
    m.frequency_hz = 1.0 / period;
    m.frequency_error_bound_hz =
        period_bound < period ? period_bound / (period * (period - period_bound)) : HUGE_VAL;
    m.duty_percent = 100.0 * high / period;
    m.worst_misfit = std::chrono::duration_cast<Nanoseconds>(std::chrono::duration<double>(misfit));
}

}  // namespace

void BlinkAnalyser::add(const PinSample& sample)
{
    if (samples_++ == 0) {
        last_ = sample;
        run_samples_ = 1;
        return;
    }
    const Nanoseconds running = std::max(Nanoseconds(0), sample.time - last_.time - sample.frozen_before);
    interval_sum_ += running;
    longest_ = std::max(longest_, running);
    if (samples_ >= 3) longest_pair_ = std::max(longest_pair_, previous_interval_ + running);
    previous_interval_ = running;
    if (sample.level == last_.level) {
        ++run_samples_;
    } else {
        // The level that ends here began at an edge (it is not the first one seen) and only one
        // sample saw it: it lasted less than the two intervals around that sample.
        if (!edges_.empty() && run_samples_ == 1) {
            const Nanoseconds bound = interval_into_run_ + running;
            shortest_single_bound_ =
                single_sample_levels_ == 0 ? bound : std::min(shortest_single_bound_, bound);
            ++single_sample_levels_;
        }
        edges_.push_back({sample.time - running / 2, running / 2, sample.level});
        run_samples_ = 1;
        interval_into_run_ = running;
    }
    last_ = sample;
}

BlinkMeasurement BlinkAnalyser::result() const
{
    BlinkMeasurement m;
    m.samples = samples_;
    m.edges = edges_.size();
    if (samples_ >= 2) {
        m.mean_interval = interval_sum_ / static_cast<long>(samples_ - 1);
        m.longest_interval = longest_;
        m.resolution = longest_pair_;
        if (longest_pair_.count() > 0) m.max_measurable_hz = 1.0 / (2.0 * seconds(longest_pair_));
    }
    m.single_sample_levels = single_sample_levels_;
    m.shortest_single_sample_bound = shortest_single_bound_;
    fit_steady_blink(edges_, m);
    for (std::size_t k = 0; k + 1 < edges_.size(); ++k) {
        const Nanoseconds level = edges_[k + 1].time - edges_[k].time;
        m.shortest_level = m.shortest_level ? std::min(*m.shortest_level, level) : level;
        if (k + 2 >= edges_.size()) continue;
        const Nanoseconds period = edges_[k + 2].time - edges_[k].time;
        m.shortest_period = m.shortest_period ? std::min(*m.shortest_period, period) : period;
    }
    return m;
}

BlinkMeasurement analyse_blink(const std::vector<PinSample>& samples)
{
    BlinkAnalyser analyser;
    for (const PinSample& sample : samples) analyser.add(sample);
    return analyser.result();
}

}  // namespace hiltest::session
