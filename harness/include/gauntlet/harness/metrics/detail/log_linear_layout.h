#pragma once
// Log-linear bucket geometry shared by histograms and their snapshots (internal).
#include <bit>
#include <cstddef>
#include <cstdint>

namespace gauntlet::metrics::detail {

/// Buckets are closed above, so a value equal to an edge is counted at that
/// edge's `le`. Index 0 holds [0, bottom]; indices 1..n-2 hold (L, U] where
/// each power-of-two octave is split into 2^kSubBucketBits equal parts (the
/// top mantissa bits of the IEEE-754 value); the first of them contains
/// `lowest`, the last contains `highest`; index n-1 (overflow) holds (top, inf).
/// A bucket's width is at most 1/64 of its lower edge, so its midpoint is
/// within 1/128 (0.78%) of any value in it.
class LogLinearLayout {
 public:
  static constexpr int kSubBucketBits = 6;
  static constexpr int kShift = 52 - kSubBucketBits;

  /// Requires 0 < lowest < highest, both finite (checked by HistogramOptions).
  LogLinearLayout(double lowest, double highest) noexcept;

  std::size_t size() const noexcept { return size_; }
  std::size_t overflow_index() const noexcept { return size_ - 1; }
  double lowest() const noexcept { return lowest_; }
  double highest() const noexcept { return highest_; }

  /// Bucket of a finite, non-negative value.
  std::size_t index(double v) const noexcept {
    if (v <= bottom_edge_) return 0;
    if (v > top_edge_) return size_ - 1;
    return static_cast<std::size_t>(((std::bit_cast<std::uint64_t>(v) - 1) >> kShift) - base_key_) + 1;
  }
  /// index() of a finite value >= +0.0 given by its IEEE-754 bits (whose
  /// order as integers is the values' order): integer compares only.
  std::size_t index_of_bits(std::uint64_t bits) const noexcept {
    if (bits <= bottom_bits_) return 0;
    if (bits > top_bits_) return size_ - 1;
    return static_cast<std::size_t>(((bits - 1) >> kShift) - base_key_) + 1;
  }
  /// Exclusive lower edge of bucket i (0, inclusive, for bucket 0).
  double lower_edge(std::size_t i) const noexcept;
  /// Inclusive upper edge of bucket i (+inf for the overflow bucket).
  double upper_edge(std::size_t i) const noexcept;
  /// Upper edge of bucket 0 and of the last in-range bucket.
  double bottom_edge() const noexcept { return bottom_edge_; }
  double top_edge() const noexcept { return top_edge_; }
  /// Value reported for bucket i: the midpoint for in-range buckets, lowest/2
  /// for bucket 0, the lower edge for the overflow bucket (callers clamp to
  /// the exact min/max).
  double representative(std::size_t i) const noexcept;

  friend bool operator==(const LogLinearLayout& a, const LogLinearLayout& b) noexcept {
    return a.lowest_ == b.lowest_ && a.highest_ == b.highest_;
  }

 private:
  double lowest_;
  double highest_;
  double bottom_edge_;         // upper edge of bucket 0 (<= lowest)
  double top_edge_;            // upper edge of the last in-range bucket (>= highest)
  std::uint64_t bottom_bits_;  // bits of bottom_edge_
  std::uint64_t top_bits_;     // bits of top_edge_
  std::uint64_t base_key_;     // key of the bucket holding `lowest`
  std::size_t size_;
};

}  // namespace gauntlet::metrics::detail
