// Scalars as Go sees them: go-yaml v2's plain-scalar resolution (resolve.go) and
// strconv's shortest float formatting, which both the YAML reader and the emitter need.
//
// Map of this file:
//   1. shortest decimal digits of a double/float (snprintf + round-trip check)
//   2. Go's 'e', 'f', 'g' layouts and encoding/json's float rule
//   3. strconv.ParseInt/ParseUint with base 0
//   4. go-yaml v2 resolve(): bools, nulls, ints, floats, timestamps
#include "core/api/yaml_scalar.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/api/yaml.h"

namespace kt::api {
namespace {

// ---- 1. shortest digits -------------------------------------------------------------
// value = 0.digits × 10^dp (Go's decimal form). digits has no leading/trailing zeros.
struct Decimal {
  std::string digits;
  int dp = 0;
  bool neg = false;
};

// The shortest digit string that reads back as the same value, found by trying
// precisions 1..17 (libc++ 14 has no floating-point to_chars). For a float32 key the
// round trip is checked through float.
Decimal shortest_decimal(double f, bool as_float32) {
  Decimal d;
  d.neg = std::signbit(f);
  double a = std::fabs(f);
  if (a == 0) {
    d.digits = "";
    d.dp = 0;
    return d;
  }
  char buf[64];
  int max_prec = as_float32 ? 9 : 17;
  for (int p = 1; p <= max_prec; ++p) {
    std::snprintf(buf, sizeof buf, "%.*e", p - 1, a);
    bool ok = as_float32 ? (std::strtof(buf, nullptr) == static_cast<float>(a)) : (std::strtod(buf, nullptr) == a);
    if (ok) break;
  }
  // buf: D[.DDD]e[+-]XX
  std::string s(buf);
  auto e = s.find('e');
  std::string mant = s.substr(0, e);
  int exp = std::atoi(s.c_str() + e + 1);
  for (char c : mant)
    if (c >= '0' && c <= '9') d.digits += c;
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
  d.dp = exp + 1;
  return d;
}

std::string fmt_e(const Decimal& d) {
  std::string out = d.neg ? "-" : "";
  out += d.digits.empty() ? '0' : d.digits[0];
  if (d.digits.size() > 1) {
    out += '.';
    out += d.digits.substr(1);
  }
  out += 'e';
  int exp = d.digits.empty() ? 0 : d.dp - 1;
  out += exp < 0 ? '-' : '+';
  if (exp < 0) exp = -exp;
  if (exp < 10) out += '0';
  out += std::to_string(exp);
  return out;
}

std::string fmt_f(const Decimal& d) {
  std::string out = d.neg ? "-" : "";
  int nd = static_cast<int>(d.digits.size());
  if (d.dp > 0) {
    for (int i = 0; i < d.dp; ++i) out += i < nd ? d.digits[i] : '0';
  } else {
    out += '0';
  }
  int prec = nd - d.dp;
  if (prec > 0) {
    out += '.';
    for (int i = 0; i < prec; ++i) {
      int j = d.dp + i;
      out += (j >= 0 && j < nd) ? d.digits[j] : '0';
    }
  }
  return out;
}

std::string format_special(double f) {
  if (std::isnan(f)) return "NaN";
  return f > 0 ? "+Inf" : "-Inf";
}

std::string format_float(double f, char fmt, bool as_float32) {
  if (std::isnan(f) || std::isinf(f)) return format_special(f);
  Decimal d = shortest_decimal(f, as_float32);
  if (fmt == 'e') return fmt_e(d);
  if (fmt == 'f') return fmt_f(d);
  // 'g' with the shortest precision: %e when exp < -4 || exp >= 6 (Go uses eprec 6 then).
  int exp = d.dp - 1;
  if (d.digits.empty()) exp = -1;  // zero prints as "0"
  if (exp < -4 || exp >= 6) {
    if (d.digits.empty()) return fmt_f(d);
    return fmt_e(d);
  }
  return fmt_f(d);
}

}  // namespace

std::string go_format_float(double f, char fmt) { return format_float(f, fmt, false); }

std::string go_json_float(double f) {
  double a = std::fabs(f);
  char fmt = 'f';
  if (a != 0 && (a < 1e-6 || a >= 1e21)) fmt = 'e';
  std::string s = format_float(f, fmt, false);
  if (fmt == 'e') {
    // Go cleans up e-09 to e-9.
    size_t n = s.size();
    if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0') s.erase(n - 2, 1);
  }
  return s;
}

namespace yaml_detail {

std::string go_format_float32_g(double f) {
  std::string s = format_float(f, 'g', true);
  if (s == "+Inf") return ".inf";
  if (s == "-Inf") return "-.inf";
  if (s == "NaN") return ".nan";
  return s;
}

namespace {

// ---- 3. strconv.ParseUint / ParseInt, base 0 ----------------------------------------
enum class ParseErr { None, Syntax, Range };

ParseErr parse_uint0(std::string_view s, uint64_t& out) {
  out = 0;
  if (s.empty()) return ParseErr::Syntax;
  int base = 10;
  if (s[0] == '0') {
    auto lower = [](char c) { return static_cast<char>(c | 0x20); };
    if (s.size() >= 3 && lower(s[1]) == 'b') {
      base = 2;
      s.remove_prefix(2);
    } else if (s.size() >= 3 && lower(s[1]) == 'o') {
      base = 8;
      s.remove_prefix(2);
    } else if (s.size() >= 3 && lower(s[1]) == 'x') {
      base = 16;
      s.remove_prefix(2);
    } else {
      base = 8;
      s.remove_prefix(1);
    }
  }
  uint64_t n = 0;
  bool range = false;
  for (char c : s) {
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'Z') v = c - 'A' + 10;
    else return ParseErr::Syntax;
    if (v >= base) return ParseErr::Syntax;
    if (range) continue;
    if (n > (UINT64_MAX - static_cast<uint64_t>(v)) / static_cast<uint64_t>(base)) {
      // Go returns the range error at once; the remaining text is not checked.
      return ParseErr::Range;
    }
    n = n * static_cast<uint64_t>(base) + static_cast<uint64_t>(v);
  }
  out = n;
  return ParseErr::None;
}

ParseErr parse_int0(std::string_view s, int64_t& out) {
  out = 0;
  if (s.empty()) return ParseErr::Syntax;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  uint64_t u;
  ParseErr e = parse_uint0(s, u);
  if (e != ParseErr::None) return e;
  if (!neg && u > static_cast<uint64_t>(INT64_MAX)) return ParseErr::Range;
  if (neg && u > static_cast<uint64_t>(INT64_MAX) + 1) return ParseErr::Range;
  out = neg ? static_cast<int64_t>(0 - u) : static_cast<int64_t>(u);
  return ParseErr::None;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool yaml_style_float(std::string_view s) {
  size_t i = 0, n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  if (i < n && s[i] == '.') {
    ++i;
    size_t st = i;
    while (i < n && is_digit(s[i])) ++i;
    if (i == st) return false;
  } else {
    size_t st = i;
    while (i < n && is_digit(s[i])) ++i;
    if (i == st) return false;
    if (i < n && s[i] == '.') {
      ++i;
      while (i < n && is_digit(s[i])) ++i;
    }
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    size_t st = i;
    while (i < n && is_digit(s[i])) ++i;
    if (i == st) return false;
  }
  return i == n;
}

// strconv.ParseFloat for the decimal forms the callers let through. Overflow is an
// error in Go (the scalar then stays a string); underflow to zero is not.
bool parse_float(std::string_view s, double& out) {
  std::string str(s);
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(str.c_str(), &end);
  if (end != str.c_str() + str.size()) return false;
  if (std::isinf(v)) return false;
  out = v;
  return true;
}

// ---- timestamps: the layouts go-yaml v2 tries with time.Parse -------------------------
// "2006-1-2T15:4:5.999999999Z07:00", the same with 't', "2006-1-2 15:4:5.999999999",
// "2006-1-2".
bool take_num(std::string_view s, size_t& i, int min_digits, int max_digits, int& v) {
  size_t st = i;
  v = 0;
  while (i < s.size() && is_digit(s[i]) && static_cast<int>(i - st) < max_digits) v = v * 10 + (s[i++] - '0');
  return static_cast<int>(i - st) >= min_digits;
}

bool parse_timestamp(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i != 4 || i == s.size() || s[i] != '-') return false;
  int year = std::atoi(std::string(s.substr(0, 4)).c_str());
  i = 5;
  int month, day;
  if (!take_num(s, i, 1, 2, month) || month < 1 || month > 12) return false;
  if (i >= s.size() || s[i] != '-') return false;
  ++i;
  if (!take_num(s, i, 1, 2, day)) return false;
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int maxd = mdays[month - 1];
  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) maxd = 29;
  if (day < 1 || day > maxd) return false;
  if (i == s.size()) return true;  // "2006-1-2"
  char sep = s[i];
  if (sep != 'T' && sep != 't' && sep != ' ') return false;
  ++i;
  int h, m, sec;
  if (!take_num(s, i, 1, 2, h) || h > 23) return false;
  if (i >= s.size() || s[i] != ':') return false;
  ++i;
  if (!take_num(s, i, 1, 2, m) || m > 59) return false;
  if (i >= s.size() || s[i] != ':') return false;
  ++i;
  if (!take_num(s, i, 1, 2, sec) || sec > 59) return false;
  if (i < s.size() && s[i] == '.' && i + 1 < s.size() && is_digit(s[i + 1])) {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  if (sep == ' ') return i == s.size();
  if (i == s.size()) return false;
  if (s[i] == 'Z') return i + 1 == s.size();
  if (s[i] != '+' && s[i] != '-') return false;
  ++i;
  int zh, zm;
  if (!take_num(s, i, 2, 2, zh)) return false;
  if (i >= s.size() || s[i] != ':') return false;
  ++i;
  if (!take_num(s, i, 2, 2, zm)) return false;
  return i == s.size() && zh <= 24 && zm <= 59;
}

}  // namespace

bool is_base60_float(std::string_view s) {
  if (s.empty()) return false;
  char c = s[0];
  if (!(c == '+' || c == '-' || is_digit(c)) || s.find(':') == std::string_view::npos) return false;
  // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
  size_t i = 0, n = s.size();
  if (s[i] == '+' || s[i] == '-') ++i;
  if (i >= n || !is_digit(s[i])) return false;
  ++i;
  while (i < n && (is_digit(s[i]) || s[i] == '_')) ++i;
  int groups = 0;
  while (i < n && s[i] == ':') {
    ++i;
    // [0-5]?[0-9]: one or two digits, the first of two at most 5.
    if (i < n && is_digit(s[i])) {
      if (i + 1 < n && is_digit(s[i + 1]) && s[i] <= '5') i += 2;
      else ++i;
    } else {
      return false;
    }
    ++groups;
  }
  if (groups == 0) return false;
  if (i < n && s[i] == '.') {
    ++i;
    while (i < n && (is_digit(s[i]) || s[i] == '_')) ++i;
  }
  return i == n;
}

Resolved resolve_plain(std::string_view in) {
  Resolved r;
  // The first character hints at what the scalar may be (resolveTable).
  char hint = 'N';
  if (!in.empty()) {
    char c = in[0];
    if (c == '+' || c == '-') hint = 'S';
    else if (is_digit(c)) hint = 'D';
    else if (std::string_view("yYnNtTfFoO~").find(c) != std::string_view::npos) hint = 'M';
    else if (c == '.') hint = '.';
    else hint = 0;
  }
  if (hint == 0) return r;  // Str

  static const struct {
    const char* s;
    Resolved::Kind kind;
    int v;  // bool value, or float: 1 +inf, -1 -inf, 0 nan
  } table[] = {
      {"y", Resolved::Bool, 1},      {"Y", Resolved::Bool, 1},      {"yes", Resolved::Bool, 1},
      {"Yes", Resolved::Bool, 1},    {"YES", Resolved::Bool, 1},    {"true", Resolved::Bool, 1},
      {"True", Resolved::Bool, 1},   {"TRUE", Resolved::Bool, 1},   {"on", Resolved::Bool, 1},
      {"On", Resolved::Bool, 1},     {"ON", Resolved::Bool, 1},     {"n", Resolved::Bool, 0},
      {"N", Resolved::Bool, 0},      {"no", Resolved::Bool, 0},     {"No", Resolved::Bool, 0},
      {"NO", Resolved::Bool, 0},     {"false", Resolved::Bool, 0},  {"False", Resolved::Bool, 0},
      {"FALSE", Resolved::Bool, 0},  {"off", Resolved::Bool, 0},    {"Off", Resolved::Bool, 0},
      {"OFF", Resolved::Bool, 0},    {"", Resolved::Null, 0},       {"~", Resolved::Null, 0},
      {"null", Resolved::Null, 0},   {"Null", Resolved::Null, 0},   {"NULL", Resolved::Null, 0},
      {".nan", Resolved::Float, 0},  {".NaN", Resolved::Float, 0},  {".NAN", Resolved::Float, 0},
      {".inf", Resolved::Float, 1},  {".Inf", Resolved::Float, 1},  {".INF", Resolved::Float, 1},
      {"+.inf", Resolved::Float, 1}, {"+.Inf", Resolved::Float, 1}, {"+.INF", Resolved::Float, 1},
      {"-.inf", Resolved::Float, -1}, {"-.Inf", Resolved::Float, -1}, {"-.INF", Resolved::Float, -1},
  };
  for (const auto& t : table) {
    if (in != t.s) continue;
    r.kind = t.kind;
    if (t.kind == Resolved::Bool) r.b = t.v != 0;
    if (t.kind == Resolved::Float) r.f = t.v == 0 ? std::nan("") : (t.v > 0 ? HUGE_VAL : -HUGE_VAL);
    return r;
  }

  if (hint == '.') {
    // Not in the map: maybe a plain float such as .5 or .5e3.
    double f;
    if (yaml_style_float(in) && parse_float(in, f)) {
      r.kind = Resolved::Float;
      r.f = f;
    }
    return r;
  }
  if (hint == 'M') return r;

  // 'D' or 'S': int, float or timestamp.
  if (parse_timestamp(in)) {
    r.kind = Resolved::Timestamp;
    return r;
  }
  std::string plain;
  for (char c : in)
    if (c != '_') plain += c;
  int64_t iv;
  if (parse_int0(plain, iv) == ParseErr::None) {
    r.kind = Resolved::Int;
    r.i = iv;
    return r;
  }
  uint64_t uv;
  ParseErr uerr = parse_uint0(plain, uv);
  if (uerr == ParseErr::None) {
    r.kind = Resolved::Uint;
    r.u = uv;
    return r;
  }
  double f;
  if (yaml_style_float(plain) && parse_float(plain, f)) {
    r.kind = Resolved::Float;
    r.f = f;
    return r;
  }
  // "-0b101" (ParseInt with base 0 already reads 0b/-0b prefixes). An integer too big
  // for 64 bits that is not float-shaped (e.g. hex) becomes a big.Int in go-yaml, which
  // JSON writes as a number; we keep its value as a double.
  if (uerr == ParseErr::Range) {
    int base = 10;
    std::string_view digits = plain;
    if (digits.size() > 2 && digits[0] == '0' && (digits[1] | 0x20) == 'x') {
      base = 16;
      digits.remove_prefix(2);
    }
    if (base == 16) {
      double v = 0;
      for (char c : digits) {
        int d = is_digit(c) ? c - '0' : ((c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1);
        if (d < 0) return r;
        v = v * 16 + d;
      }
      r.kind = Resolved::Float;
      r.f = v;
      return r;
    }
  }
  return r;
}

}  // namespace yaml_detail
}  // namespace kt::api
