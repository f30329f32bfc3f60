#include "core/util/duration.h"

#include <stdexcept>

namespace kt::util {
namespace {

constexpr std::int64_t kSecondUs = 1000000;
constexpr std::int64_t kMinuteUs = 60 * kSecondUs;
constexpr std::int64_t kHourUs = 60 * kMinuteUs;

std::string n(std::int64_t v) { return std::to_string(v); }

// Go's time package quote(): ASCII printable as is (with \" and \\), other bytes \xNN.
std::string time_quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c >= 0x80 || c < ' ') {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      if (c == '"' || c == '\\') out += '\\';
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

[[noreturn]] void invalid(std::string_view orig) {
  throw std::invalid_argument("time: invalid duration " + time_quote(orig));
}

constexpr std::uint64_t kMaxMagnitude = std::uint64_t{1} << 63;

// leadingInt: digits as a number; error past 1<<63.
std::uint64_t leading_int(std::string_view& s, std::string_view orig) {
  std::size_t i = 0;
  std::uint64_t x = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c < '0' || c > '9') break;
    if (x > kMaxMagnitude / 10) invalid(orig);
    x = x * 10 + static_cast<std::uint64_t>(c - '0');
    if (x > kMaxMagnitude) invalid(orig);
  }
  s.remove_prefix(i);
  return x;
}

// leadingFraction: digits after the point as x / scale; extra digits are dropped.
std::uint64_t leading_fraction(std::string_view& s, double& scale) {
  std::size_t i = 0;
  std::uint64_t x = 0;
  scale = 1;
  bool overflow = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c < '0' || c > '9') break;
    if (overflow) continue;
    if (x > (kMaxMagnitude - 1) / 10) {
      overflow = true;
      continue;
    }
    std::uint64_t y = x * 10 + static_cast<std::uint64_t>(c - '0');
    if (y > kMaxMagnitude) {
      overflow = true;
      continue;
    }
    x = y;
    scale *= 10;
  }
  s.remove_prefix(i);
  return x;
}

std::uint64_t unit_ns(std::string_view u) {
  if (u == "ns") return 1;
  if (u == "us" || u == "\xC2\xB5s" || u == "\xCE\xBCs") return 1000;  // us, µs (U+00B5), μs (U+03BC)
  if (u == "ms") return 1000000;
  if (u == "s") return 1000000000ULL;
  if (u == "m") return 60ULL * 1000000000ULL;
  if (u == "h") return 3600ULL * 1000000000ULL;
  return 0;
}

// fmtFrac: ".5" of v / 10^prec without trailing zeros (nothing when the fraction is 0).
std::string frac(std::uint64_t& v, int prec) {
  std::string digits;
  bool print = false;
  for (int i = 0; i < prec; ++i) {
    int digit = static_cast<int>(v % 10);
    print = print || digit != 0;
    if (print) digits.insert(digits.begin(), static_cast<char>('0' + digit));
    v /= 10;
  }
  return print ? "." + digits : "";
}

}  // namespace

std::string human_duration(sim::Duration d) {
  const std::int64_t us = d.us;
  const std::int64_t seconds = us / kSecondUs;  // int(d.Seconds()) truncates toward zero
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return n(seconds) + "s";
  const std::int64_t minutes = us / kMinuteUs;
  if (minutes < 10) {
    const std::int64_t s = seconds % 60;
    return s == 0 ? n(minutes) + "m" : n(minutes) + "m" + n(s) + "s";
  }
  if (minutes < 60 * 3) return n(minutes) + "m";
  const std::int64_t hours = us / kHourUs;
  if (hours < 8) {
    const std::int64_t m = minutes % 60;
    return m == 0 ? n(hours) + "h" : n(hours) + "h" + n(m) + "m";
  }
  if (hours < 48) return n(hours) + "h";
  if (hours < 24 * 8) {
    const std::int64_t h = hours % 24;
    return h == 0 ? n(hours / 24) + "d" : n(hours / 24) + "d" + n(h) + "h";
  }
  if (hours < 24 * 365 * 2) return n(hours / 24) + "d";
  if (hours < 24 * 365 * 8) {
    const std::int64_t dy = (hours / 24) % 365;
    return dy == 0 ? n(hours / 24 / 365) + "y" : n(hours / 24 / 365) + "y" + n(dy) + "d";
  }
  return n(hours / 24 / 365) + "y";
}

std::string short_human_duration(sim::Duration d) {
  const std::int64_t us = d.us;
  const std::int64_t seconds = us / kSecondUs;
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60) return n(seconds) + "s";
  if (const std::int64_t minutes = us / kMinuteUs; minutes < 60) return n(minutes) + "m";
  const std::int64_t hours = us / kHourUs;
  if (hours < 24) return n(hours) + "h";
  if (hours < 24 * 365) return n(hours / 24) + "d";
  return n(hours / 24 / 365) + "y";
}

std::string go_duration_string_ns(std::int64_t ns) {
  const bool neg = ns < 0;
  std::uint64_t u = neg ? static_cast<std::uint64_t>(-(ns + 1)) + 1 : static_cast<std::uint64_t>(ns);
  std::string out;
  if (u < 1000000000ULL) {
    // Under a second: the largest unit that keeps the integer part non-zero.
    if (u == 0) return "0s";
    std::string unit;
    int prec;
    if (u < 1000) {
      prec = 0;
      unit = "ns";
    } else if (u < 1000000) {
      prec = 3;
      unit = "\xC2\xB5s";  // µs
    } else {
      prec = 6;
      unit = "ms";
    }
    std::string f = frac(u, prec);
    out = std::to_string(u) + f + unit;
  } else {
    std::string f = frac(u, 9);
    out = std::to_string(u % 60) + f + "s";  // u is whole seconds now
    u /= 60;
    if (u > 0) {
      out = std::to_string(u % 60) + "m" + out;
      u /= 60;
      if (u > 0) out = std::to_string(u) + "h" + out;
    }
  }
  return neg ? "-" + out : out;
}

std::string go_duration_string(sim::Duration d) { return go_duration_string_ns(d.us * 1000); }

std::int64_t parse_go_duration_ns(std::string_view s) {
  const std::string_view orig = s;
  std::uint64_t d = 0;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return 0;
  if (s.empty()) invalid(orig);
  while (!s.empty()) {
    if (!(s[0] == '.' || (s[0] >= '0' && s[0] <= '9'))) invalid(orig);
    std::size_t before = s.size();
    std::uint64_t v = leading_int(s, orig);
    const bool pre = before != s.size();
    bool post = false;
    std::uint64_t f = 0;
    double scale = 1;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      std::size_t pl = s.size();
      f = leading_fraction(s, scale);
      post = pl != s.size();
    }
    if (!pre && !post) invalid(orig);  // ".s"
    std::size_t i = 0;
    while (i < s.size() && !(s[i] == '.' || (s[i] >= '0' && s[i] <= '9'))) ++i;
    if (i == 0) throw std::invalid_argument("time: missing unit in duration " + time_quote(orig));
    std::string_view u = s.substr(0, i);
    s.remove_prefix(i);
    std::uint64_t unit = unit_ns(u);
    if (unit == 0) throw std::invalid_argument("time: unknown unit " + time_quote(u) + " in duration " + time_quote(orig));
    if (v > kMaxMagnitude / unit) invalid(orig);
    v *= unit;
    if (f > 0) {
      // float64 keeps fractions of an hour exact to the nanosecond, as in Go.
      v += static_cast<std::uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
      if (v > kMaxMagnitude) invalid(orig);
    }
    d += v;
    if (d > kMaxMagnitude) invalid(orig);
  }
  if (neg) return d == kMaxMagnitude ? INT64_MIN : -static_cast<std::int64_t>(d);
  if (d > kMaxMagnitude - 1) invalid(orig);
  return static_cast<std::int64_t>(d);
}

sim::Duration parse_go_duration(std::string_view s) { return sim::micros(parse_go_duration_ns(s) / 1000); }

}  // namespace kt::util
