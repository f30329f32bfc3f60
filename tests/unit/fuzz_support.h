// Deterministic fuzzing for the unit tests: a seeded generator (std::mt19937_64's
// output is fixed by the standard, unlike the <random> distributions, so the cases
// are the same natively and in wasm), text mutations that make manifests and
// command lines malformed, and the checks every fuzz case shares: what a failing
// command prints reads as kubectl's or the shell's errors do, and no C++ exception
// text leaks into it.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace kt::testing {

class FuzzRng {
 public:
  explicit FuzzRng(std::uint64_t seed) : gen_(seed) {}
  // Uniform in [0, n) (n > 0); the modulo bias does not matter here.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(gen_() % n); }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  template <class T>
  const T& pick(const std::vector<T>& xs) { return xs[below(xs.size())]; }

 private:
  std::mt19937_64 gen_;
};

// One random text mutation: truncation, byte flips, inserted syntax characters,
// unbalanced quotes and brackets, tabs for indentation, deleted or duplicated
// lines (duplicate keys), huge and negative numbers, deep nesting, invalid UTF-8.
std::string mutate_text(FuzzRng& rng, const std::string& text);

// The lines of `output` that are C++ runtime text rather than a message for a
// learner ("[json.exception.type_error.302] ...", "stoll", "basic_string::substr").
std::vector<std::string> leaked_exception_lines(const std::string& output);

// Whether some line of `output` starts as kubectl's errors do ("error: ", "Error from
// server", "The Deployment \"x\" is invalid", "Error: ", klog's "E1122 ...") or as
// the shell's do ("-bash: ").
bool has_error_line(const std::string& output);

}  // namespace kt::testing
