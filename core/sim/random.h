// Seeded, reproducible random source (xoshiro256** seeded through splitmix64).
// Each component receives its own stream from fork(label): adding a component or
// drawing more numbers in one never changes what another one draws.
#pragma once

#include <cstdint>
#include <string_view>

namespace kt::sim {

class Random {
 public:
  explicit Random(std::uint64_t seed);

  std::uint64_t next();
  // Uniform in [0, n); n > 0. Unbiased (rejection sampling).
  std::uint64_t below(std::uint64_t n);
  // Uniform in [lo, hi]; lo <= hi.
  std::int64_t between(std::int64_t lo, std::int64_t hi);
  // Uniform in [0, 1).
  double unit();
  // A child stream whose sequence depends only on this stream's seed and the label.
  Random fork(std::string_view label) const;

  std::uint64_t seed() const { return seed_; }

 private:
  std::uint64_t seed_;
  std::uint64_t s_[4];
};

}  // namespace kt::sim
