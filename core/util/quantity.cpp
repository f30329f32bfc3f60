// resource.Quantity. Sections: 1. a minimal unsigned big integer for exact parsing;
// 2. the scanner (parseQuantityString) and suffixes; 3. ParseQuantity; 4. canonical
// printing (CanonicalizeBytes); 5. arithmetic.
#include "core/util/quantity.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace kt::util {
namespace {

using Nanos = Quantity::Nanos;
__extension__ typedef unsigned __int128 UNanos;

constexpr std::string_view kErrFormatWrong =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
constexpr std::string_view kErrNumeric = "unable to parse numeric part of quantity";
constexpr std::string_view kErrSuffix = "unable to parse quantity's suffix";

constexpr Nanos kNanosPerUnit = 1000000000;
// Largest BinarySI amount kube keeps (maxAllowed = 2^63-1), in nanos.
constexpr Nanos kMaxBinary = static_cast<Nanos>(INT64_MAX) * kNanosPerUnit;
// Largest magnitude we accept: 2^127 - 1.
constexpr UNanos kMaxMagnitude = (static_cast<UNanos>(1) << 127) - 1;

// ---- 1. big unsigned integer (little-endian 32-bit limbs) ----------------------

struct Big {
  std::vector<std::uint32_t> limbs;

  bool is_zero() const {
    return std::all_of(limbs.begin(), limbs.end(), [](std::uint32_t l) { return l == 0; });
  }
  void mul_add(std::uint32_t m, std::uint32_t a) {
    std::uint64_t carry = a;
    for (auto& l : limbs) {
      std::uint64_t v = static_cast<std::uint64_t>(l) * m + carry;
      l = static_cast<std::uint32_t>(v);
      carry = v >> 32;
    }
    if (carry) limbs.push_back(static_cast<std::uint32_t>(carry));
  }
  // Divides in place; returns the remainder.
  std::uint32_t div(std::uint32_t d) {
    std::uint64_t rem = 0;
    for (auto it = limbs.rbegin(); it != limbs.rend(); ++it) {
      std::uint64_t cur = (rem << 32) | *it;
      *it = static_cast<std::uint32_t>(cur / d);
      rem = cur % d;
    }
    return static_cast<std::uint32_t>(rem);
  }
  std::size_t bits() const {
    for (std::size_t i = limbs.size(); i-- > 0;)
      if (limbs[i]) {
        std::size_t b = 0;
        for (std::uint32_t v = limbs[i]; v; v >>= 1) ++b;
        return i * 32 + b;
      }
    return 0;
  }
  std::optional<UNanos> to_u128() const {
    if (bits() > 127) return std::nullopt;
    UNanos v = 0;
    for (std::size_t i = std::min<std::size_t>(limbs.size(), 4); i-- > 0;) v = (v << 32) | limbs[i];
    return v;
  }
};

// ---- 2. scanner and suffixes ----------------------------------------------------

struct Scanned {
  bool positive = true;
  std::string_view value, num, denom, suffix;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// parseQuantityString: sign, numerator (leading zeros dropped), fraction, suffix.
Scanned scan(std::string_view str) {
  Scanned r;
  std::size_t pos = 0, end = str.size();
  if (pos < end) {
    if (str[0] == '-') {
      r.positive = false;
      ++pos;
    } else if (str[0] == '+') {
      ++pos;
    }
  }
  for (std::size_t i = pos;; ++i) {  // leading zeros
    if (i >= end) {
      r.num = "0";
      r.value = r.num;
      return r;
    }
    if (str[i] != '0') break;
    ++pos;
  }
  for (std::size_t i = pos;; ++i) {  // numerator
    if (i >= end) {
      r.num = str.substr(pos, end - pos);
      r.value = str.substr(0, end);
      return r;
    }
    if (!is_digit(str[i])) {
      r.num = str.substr(pos, i - pos);
      pos = i;
      break;
    }
  }
  if (r.num.empty()) r.num = "0";
  if (pos < end && str[pos] == '.') {  // denominator ("1." is accepted)
    ++pos;
    for (std::size_t i = pos;; ++i) {
      if (i >= end) {
        r.denom = str.substr(pos, end - pos);
        r.value = str.substr(0, end);
        return r;
      }
      if (!is_digit(str[i])) {
        r.denom = str.substr(pos, i - pos);
        pos = i;
        break;
      }
    }
  }
  r.value = str.substr(0, pos);
  const std::size_t suffix_start = pos;
  for (std::size_t i = pos;; ++i) {
    if (i >= end) {
      r.suffix = str.substr(suffix_start);
      return r;
    }
    if (std::string_view("eEinumkKMGTP").find(str[i]) == std::string_view::npos) {
      pos = i;
      break;
    }
  }
  if (pos < end && (str[pos] == '-' || str[pos] == '+')) ++pos;
  for (std::size_t i = pos;; ++i) {
    if (i >= end) {
      r.suffix = str.substr(suffix_start);
      return r;
    }
    if (!is_digit(str[i])) break;
  }
  throw std::invalid_argument(std::string(kErrFormatWrong));
}

struct Suffix {
  int base;
  std::int64_t exponent;
  Quantity::Format format;
};

std::optional<std::int64_t> parse_exponent(std::string_view s) {  // strconv.ParseInt(s, 10, 64)
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (!is_digit(c)) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return neg ? -v : v;
}

std::optional<Suffix> interpret(std::string_view s) {
  using F = Quantity::Format;
  static constexpr std::pair<std::string_view, int> kDec[] = {{"", 0},  {"n", -9}, {"u", -6}, {"m", -3}, {"k", 3},
                                                              {"M", 6}, {"G", 9},  {"T", 12}, {"P", 15}, {"E", 18}};
  static constexpr std::pair<std::string_view, int> kBin[] = {{"Ki", 10}, {"Mi", 20}, {"Gi", 30},
                                                              {"Ti", 40}, {"Pi", 50}, {"Ei", 60}};
  for (auto& [sfx, e] : kDec)
    if (s == sfx) return Suffix{10, e, F::DecimalSI};
  for (auto& [sfx, e] : kBin)
    if (s == sfx) return Suffix{2, e, F::BinarySI};
  if (s.size() > 1 && (s[0] == 'e' || s[0] == 'E')) {
    if (auto e = parse_exponent(s.substr(1))) return Suffix{10, *e, F::DecimalExponent};
  }
  return std::nullopt;
}

// Whether kube's fast path succeeds and keeps the input text as the printed form.
bool keeps_literal(std::string_view num, std::string_view denom, const Suffix& sfx) {
  const bool binary = sfx.format == Quantity::Format::BinarySI;
  std::int64_t precision = 0;
  if (!binary) {
    precision = 18 - static_cast<std::int64_t>(num.size() + denom.size());
  } else if (sfx.exponent >= 0 && denom.empty()) {
    precision = 15 - static_cast<std::int64_t>(num.size()) - sfx.exponent * 3 / 10 - 1;
  } else {
    precision = -1;
  }
  if (precision < 0) return false;
  const std::int64_t scale = (binary ? 0 : sfx.exponent) - static_cast<std::int64_t>(denom.size());
  if (scale < -9) return false;
  std::string shifted = std::string(num) + std::string(denom);
  std::int64_t value = 0;
  for (char c : shifted) value = value * 10 + (c - '0');  // at most 18 digits here
  if (binary) {
    Nanos product = static_cast<Nanos>(value) << sfx.exponent;
    if (product > INT64_MAX) return false;  // int64Multiply overflow: slow path
    return (value & 0x07) != 0;
  }
  return scale % 3 == 0 && !(shifted.size() >= 3 && shifted.compare(shifted.size() - 3, 3, "000") == 0) &&
         shifted[0] != '0';
}

// The exact magnitude in nanos, rounded up to 1n; nullopt if it does not fit.
std::optional<UNanos> magnitude_nanos(std::string_view num, std::string_view denom, const Suffix& sfx) {
  Big n;
  for (char c : num) n.mul_add(10, static_cast<std::uint32_t>(c - '0'));
  for (char c : denom) n.mul_add(10, static_cast<std::uint32_t>(c - '0'));
  if (n.is_zero()) return UNanos{0};
  std::int64_t k = 9 - static_cast<std::int64_t>(denom.size());  // power of ten to apply
  if (sfx.base == 10) {
    k += sfx.exponent;
  } else {
    for (std::int64_t i = 0; i < sfx.exponent; ++i) n.mul_add(2, 0);
  }
  if (k > 0) {
    if (k > 60) return std::nullopt;
    for (std::int64_t i = 0; i < k; ++i) n.mul_add(10, 0);
  } else if (k < 0) {
    const std::size_t digits = num.size() + denom.size() + 20;  // more than the value's decimal digits
    if (static_cast<std::size_t>(-k) > digits) return UNanos{1};  // a sliver: rounds up to 1n
    bool inexact = false;
    for (std::int64_t i = 0; i < -k; ++i) inexact |= n.div(10) != 0;
    if (inexact) n.mul_add(1, 1);
  }
  auto v = n.to_u128();
  if (!v || *v > kMaxMagnitude) return std::nullopt;
  return v;
}

// ---- 4. printing ------------------------------------------------------------------

std::string int128_to_string(Nanos v) {
  if (v == 0) return "0";
  const bool neg = v < 0;
  UNanos u = neg ? static_cast<UNanos>(-(v + 1)) + 1 : static_cast<UNanos>(v);
  std::string out;
  while (u) {
    out += static_cast<char>('0' + static_cast<int>(u % 10));
    u /= 10;
  }
  if (neg) out += '-';
  std::reverse(out.begin(), out.end());
  return out;
}

Nanos abs128(Nanos v) { return v < 0 ? -v : v; }

std::string canonical(Nanos n, Quantity::Format format) {
  using F = Quantity::Format;
  if (n == 0) return "0";
  if (format == F::BinarySI) {
    // Between -1024 and 1024, or fractional, a binary amount prints as DecimalSI.
    if (abs128(n) < 1024 * kNanosPerUnit || n % kNanosPerUnit != 0) {
      format = F::DecimalSI;
    } else {
      Nanos v = n / kNanosPerUnit;
      int e = 0;
      while (abs128(v) >= 1024 && v % 1024 == 0) {
        v /= 1024;
        ++e;
      }
      static constexpr const char* kBin[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
      return int128_to_string(v) + (e <= 6 ? kBin[e] : "");
    }
  }
  // Move every factor of ten into the exponent, then lower it to a multiple of 3.
  Nanos m = n;
  int e = -9;
  while (m % 10 == 0) {
    m /= 10;
    ++e;
  }
  switch (e % 3) {
    case 1:
    case -2:
      m *= 10;
      e -= 1;
      break;
    case 2:
    case -1:
      m *= 100;
      e -= 2;
      break;
  }
  std::string suffix;
  if (format == F::DecimalExponent) {
    if (e != 0) suffix = "e" + std::to_string(e);
  } else {
    switch (e) {  // no suffix past E (kube prints none either)
      case -9: suffix = "n"; break;
      case -6: suffix = "u"; break;
      case -3: suffix = "m"; break;
      case 3: suffix = "k"; break;
      case 6: suffix = "M"; break;
      case 9: suffix = "G"; break;
      case 12: suffix = "T"; break;
      case 15: suffix = "P"; break;
      case 18: suffix = "E"; break;
      default: break;
    }
  }
  return int128_to_string(m) + suffix;
}

// ceil-away-from-zero of n / 10^p (p >= 0), or n * 10^-p.
std::int64_t scale_round_up(Nanos n, int p) {
  if (p <= 0) {
    for (int i = 0; i < -p; ++i) n *= 10;
    return static_cast<std::int64_t>(n);
  }
  Nanos d = 1;
  for (int i = 0; i < p && i < 38; ++i) d *= 10;
  Nanos q = n / d;
  if (n % d != 0) q += n > 0 ? 1 : -1;
  return static_cast<std::int64_t>(q);
}

}  // namespace

// ---- 3. parsing ----------------------------------------------------------------------

Quantity Quantity::parse(std::string_view str) {
  if (str.empty()) throw std::invalid_argument(std::string(kErrFormatWrong));
  Quantity q;
  if (str == "0") {
    q.literal_ = "0";
    return q;
  }
  Scanned sc = scan(str);
  auto sfx = interpret(sc.suffix);
  if (!sfx) throw std::invalid_argument(std::string(kErrSuffix));
  auto mag = magnitude_nanos(sc.num, sc.denom, *sfx);
  Format format = sfx->format;
  if (!mag) {
    if (format != Format::BinarySI) throw std::invalid_argument(std::string(kErrNumeric));
    mag = static_cast<UNanos>(kMaxBinary);
  }
  Nanos m = static_cast<Nanos>(*mag);
  if (format == Format::BinarySI) {
    if (m > kMaxBinary) m = kMaxBinary;  // the cap
    if (m > 0 && m < kNanosPerUnit) format = Format::DecimalSI;
  }
  q.nanos_ = sc.positive ? m : -m;
  q.format_ = format;
  if (keeps_literal(sc.num, sc.denom, *sfx)) q.literal_ = std::string(str);
  return q;
}

std::optional<Quantity> Quantity::try_parse(std::string_view s) {
  try {
    return parse(s);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

Quantity Quantity::from_json(const Json& j) {
  if (j.is_null()) return {};
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    auto b = s.find_first_not_of(" \t\r\n\v\f");
    auto e = s.find_last_not_of(" \t\r\n\v\f");
    return parse(b == std::string::npos ? std::string_view() : std::string_view(s).substr(b, e - b + 1));
  }
  if (j.is_number()) return parse(j.dump());
  throw std::invalid_argument(std::string(kErrFormatWrong));
}

Quantity Quantity::from_int(std::int64_t value, Format f) {
  Quantity q;
  q.nanos_ = static_cast<Nanos>(value) * kNanosPerUnit;
  q.format_ = f;
  return q;
}

Quantity Quantity::from_milli(std::int64_t milli, Format f) {
  Quantity q;
  q.nanos_ = static_cast<Nanos>(milli) * 1000000;
  q.format_ = f;
  return q;
}

Quantity Quantity::from_scaled(std::int64_t value, int scale) {
  Quantity q;
  Nanos n = value;
  if (scale + 9 >= 0) {
    for (int i = 0; i < scale + 9; ++i) n *= 10;
  } else {
    n = scale_round_up(n, -(scale + 9));
  }
  q.nanos_ = n;
  return q;
}

std::string Quantity::to_string() const { return literal_.empty() ? canonical(nanos_, format_) : literal_; }

void Quantity::set_format(Format f) {
  if (f != format_) literal_.clear();
  format_ = f;
}

// ---- 5. arithmetic ----------------------------------------------------------------------

Quantity& Quantity::operator+=(const Quantity& o) {
  literal_.clear();
  if (nanos_ == 0) format_ = o.format_;
  nanos_ += o.nanos_;
  return *this;
}

Quantity& Quantity::operator-=(const Quantity& o) {
  literal_.clear();
  if (nanos_ == 0) format_ = o.format_;
  nanos_ -= o.nanos_;
  return *this;
}

Quantity Quantity::operator-() const {
  Quantity q = *this;
  q.literal_.clear();
  q.nanos_ = -q.nanos_;
  return q;
}

Quantity& Quantity::mul(std::int64_t k) {
  literal_.clear();
  nanos_ *= k;
  return *this;
}

std::int64_t Quantity::value() const { return scale_round_up(nanos_, 9); }
std::int64_t Quantity::milli_value() const { return scale_round_up(nanos_, 6); }
std::int64_t Quantity::scaled_value(int scale) const { return scale_round_up(nanos_, scale + 9); }
double Quantity::as_double() const { return static_cast<double>(nanos_) / 1e9; }

}  // namespace kt::util
