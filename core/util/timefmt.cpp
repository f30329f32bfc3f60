#include "core/util/timefmt.h"

namespace kt::util {
namespace {

constexpr std::int64_t kDayUs = 86400LL * 1000000LL;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::string pad(std::int64_t v, int width) {
  std::string s = std::to_string(v < 0 ? -v : v);
  if (static_cast<int>(s.size()) < width) s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
  return v < 0 ? "-" + s : s;
}

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(std::int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// pad(v, width) appended to out (the API server stamps every create with one date).
void append_pad(std::string& out, std::int64_t v, int width) {
  if (v < 0) out += '-';
  std::uint64_t u = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  for (int i = n; i < width; ++i) out += '0';
  while (n > 0) out += digits[--n];
}

std::string date_time(const CivilTime& c, char sep) {
  std::string out;
  out.reserve(24);
  append_pad(out, c.year, 4);
  out += '-';
  append_pad(out, c.month, 2);
  out += '-';
  append_pad(out, c.day, 2);
  out += sep;
  append_pad(out, c.hour, 2);
  out += ':';
  append_pad(out, c.minute, 2);
  out += ':';
  append_pad(out, c.second, 2);
  return out;
}

// Fixed-width decimal field within [lo, hi], as Go's parseRFC3339 reads it.
std::optional<int> field(std::string_view s, std::size_t pos, std::size_t len, int lo, int hi) {
  int v = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  if (v < lo || v > hi) return std::nullopt;
  return v;
}

}  // namespace

std::int64_t days_from_civil(std::int64_t year, int month, int day) {
  // Count in 400-year eras starting 0000-03-01, so the leap day ends each year.
  const std::int64_t y = year - (month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;                                   // [0, 399]
  const std::int64_t mp = month > 2 ? month - 3 : month + 9;                // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;                    // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          // [0, 146096]
  return era * 146097 + doe - 719468;                                       // 719468: 0000-03-01 .. 1970-01-01
}

CivilTime civil_from_time(sim::Time t) {
  CivilTime c;
  const std::int64_t days = floor_div(t.us, kDayUs);
  std::int64_t rem = t.us - days * kDayUs;  // [0, day)
  c.micros = static_cast<int>(rem % 1000000);
  rem /= 1000000;
  c.second = static_cast<int>(rem % 60);
  c.minute = static_cast<int>(rem / 60 % 60);
  c.hour = static_cast<int>(rem / 3600);
  c.weekday = static_cast<int>(((days % 7) + 7 + 4) % 7);

  const std::int64_t z = days + 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = yoe + era * 400 + (c.month <= 2 ? 1 : 0);
  return c;
}

sim::Time time_from_civil(std::int64_t year, int month, int day, int hour, int minute, int second, int micros) {
  const std::int64_t secs = days_from_civil(year, month, day) * 86400 + hour * 3600LL + minute * 60LL + second;
  return sim::Time{secs * 1000000 + micros};
}

std::string format_rfc3339(sim::Time t) {
  // Every API write stamps its object, mostly within one simulated second of the
  // last: the last answer is kept (single-threaded, like the whole core).
  static std::int64_t last_second = 0;
  static std::string last;
  if (const std::int64_t second = t.unix_seconds(); last.empty() || second != last_second) {
    last = date_time(civil_from_time(t), 'T');
    last += 'Z';
    last_second = second;
  }
  return last;
}

std::string format_rfc3339_micro(sim::Time t) {
  CivilTime c = civil_from_time(t);
  return date_time(c, 'T') + "." + pad(c.micros, 6) + "Z";
}

std::string format_rfc1123z(sim::Time t, int offset_minutes) {
  CivilTime c = civil_from_time(t + sim::minutes(offset_minutes));
  const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  return std::string(kWeekdays[c.weekday]) + ", " + pad(c.day, 2) + " " + kMonths[c.month - 1] + " " +
         pad(c.year, 4) + " " + pad(c.hour, 2) + ":" + pad(c.minute, 2) + ":" + pad(c.second, 2) + " " +
         (offset_minutes < 0 ? "-" : "+") + pad(off / 60, 2) + pad(off % 60, 2);
}

std::string format_go_time(sim::Time t) {
  CivilTime c = civil_from_time(t);
  std::string frac;
  if (c.micros != 0) {  // .999999999: trailing zeros dropped
    frac = "." + pad(c.micros, 6);
    while (frac.back() == '0') frac.pop_back();
  }
  return date_time(c, ' ') + frac + " +0000 UTC";
}

std::optional<sim::Time> parse_rfc3339(std::string_view s) {
  if (s.size() < 19) return std::nullopt;
  auto year = field(s, 0, 4, 0, 9999);
  auto month = field(s, 5, 2, 1, 12);
  if (!year || !month) return std::nullopt;
  auto day = field(s, 8, 2, 1, days_in_month(*year, *month));
  auto hour = field(s, 11, 2, 0, 23);
  auto minute = field(s, 14, 2, 0, 59);
  auto second = field(s, 17, 2, 0, 59);
  if (!day || !hour || !minute || !second) return std::nullopt;
  if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return std::nullopt;
  s.remove_prefix(19);
  int micros = 0;
  if (s.size() >= 2 && s[0] == '.' && s[1] >= '0' && s[1] <= '9') {
    std::size_t n = 1;
    int digits = 0;
    for (; n < s.size() && s[n] >= '0' && s[n] <= '9'; ++n)
      if (digits < 6) {
        micros = micros * 10 + (s[n] - '0');
        ++digits;
      }
    for (; digits < 6; ++digits) micros *= 10;
    s.remove_prefix(n);
  }
  sim::Time t = time_from_civil(*year, *month, *day, *hour, *minute, *second, micros);
  if (s.size() == 1 && s[0] == 'Z') return t;
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return std::nullopt;
  auto oh = field(s, 1, 2, 0, 23);
  auto om = field(s, 4, 2, 0, 59);
  if (!oh || !om) return std::nullopt;
  const int offset = (*oh * 60 + *om) * (s[0] == '-' ? -1 : 1);
  return t - sim::minutes(offset);
}

}  // namespace kt::util
