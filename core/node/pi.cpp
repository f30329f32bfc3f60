#include "core/node/pi.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace kt::node {
namespace {

// A non-negative fixed-point number: limbs in base 10^9, most significant first;
// limb 0 holds the integer part.
class Fixed {
 public:
  static constexpr std::uint32_t kBase = 1000000000;
  explicit Fixed(std::size_t fraction_limbs) : limbs_(fraction_limbs + 1, 0) {}

  void set_integer(std::uint32_t v) {
    std::fill(limbs_.begin(), limbs_.end(), 0);
    limbs_[0] = v;
  }
  void divide(std::uint32_t d) {
    std::uint64_t rem = 0;
    for (auto& limb : limbs_) {
      const std::uint64_t cur = rem * kBase + limb;
      limb = static_cast<std::uint32_t>(cur / d);
      rem = cur % d;
    }
  }
  void add(const Fixed& o) {
    std::uint32_t carry = 0;
    for (std::size_t i = limbs_.size(); i-- > 0;) {
      std::uint64_t s = std::uint64_t(limbs_[i]) + o.limbs_[i] + carry;
      carry = s >= kBase;
      limbs_[i] = static_cast<std::uint32_t>(carry ? s - kBase : s);
    }
  }
  void sub(const Fixed& o) {  // requires *this >= o
    std::int64_t borrow = 0;
    for (std::size_t i = limbs_.size(); i-- > 0;) {
      std::int64_t d = std::int64_t(limbs_[i]) - o.limbs_[i] - borrow;
      borrow = d < 0;
      limbs_[i] = static_cast<std::uint32_t>(borrow ? d + kBase : d);
    }
  }
  void multiply(std::uint32_t m) {
    std::uint64_t carry = 0;
    for (std::size_t i = limbs_.size(); i-- > 0;) {
      const std::uint64_t p = std::uint64_t(limbs_[i]) * m + carry;
      limbs_[i] = static_cast<std::uint32_t>(p % kBase);
      carry = p / kBase;
    }
  }
  bool is_zero() const {
    for (auto l : limbs_)
      if (l) return false;
    return true;
  }
  // Integer part, then every fraction digit.
  std::string digits() const {
    std::string out = std::to_string(limbs_[0]);
    for (std::size_t i = 1; i < limbs_.size(); ++i) {
      std::string part = std::to_string(limbs_[i]);
      out += std::string(9 - part.size(), '0') + part;
    }
    return out;
  }

 private:
  std::vector<std::uint32_t> limbs_;
};

// arctan(1/x) = Σ (-1)^k / ((2k+1) x^(2k+1))
Fixed arctan_inverse(std::uint32_t x, std::size_t limbs) {
  Fixed sum(limbs), power(limbs), term(limbs);
  power.set_integer(1);
  power.divide(x);
  sum.add(power);
  const std::uint32_t x2 = x * x;
  for (std::uint32_t k = 1; !power.is_zero(); ++k) {
    power.divide(x2);
    term = power;
    term.divide(2 * k + 1);
    if (k % 2) sum.sub(term);
    else sum.add(term);
  }
  return sum;
}

}  // namespace

std::string pi_digits(int significant_digits) {
  if (significant_digits < 1) significant_digits = 1;
  const std::size_t limbs = static_cast<std::size_t>(significant_digits) / 9 + 3;
  // Machin: π = 16·arctan(1/5) − 4·arctan(1/239)
  Fixed pi = arctan_inverse(5, limbs);
  pi.multiply(16);
  Fixed b = arctan_inverse(239, limbs);
  b.multiply(4);
  pi.sub(b);
  std::string d = pi.digits();  // "3" followed by the fraction digits
  // Round half up at the requested digit count.
  std::string kept = d.substr(0, static_cast<std::size_t>(significant_digits));
  if (d[static_cast<std::size_t>(significant_digits)] >= '5') {
    for (std::size_t i = kept.size(); i-- > 0;) {
      if (kept[i] == '9') {
        kept[i] = '0';
        continue;
      }
      ++kept[i];
      break;
    }
  }
  while (kept.size() > 1 && kept.back() == '0') kept.pop_back();  // Math::BigFloat drops trailing zeros
  return kept.size() == 1 ? kept : kept.substr(0, 1) + "." + kept.substr(1);
}

}  // namespace kt::node
