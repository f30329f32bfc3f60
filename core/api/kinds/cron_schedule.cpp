#include "core/api/kinds/cron_schedule.h"

#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "core/util/strings.h"

namespace kt::api::kinds {
namespace {

struct Bounds {
  unsigned min, max;
  const std::map<std::string, unsigned>* names;
};

const std::map<std::string, unsigned> kMonths = {{"jan", 1}, {"feb", 2},  {"mar", 3},  {"apr", 4},
                                                 {"may", 5}, {"jun", 6},  {"jul", 7},  {"aug", 8},
                                                 {"sep", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12}};
const std::map<std::string, unsigned> kDays = {{"sun", 0}, {"mon", 1}, {"tue", 2}, {"wed", 3},
                                               {"thu", 4}, {"fri", 5}, {"sat", 6}};

using util::split;

// strings.Fields
std::vector<std::string> fields_of(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// mustParseInt, with strconv.Atoi's error text.
std::optional<unsigned> must_parse_int(const std::string& expr, std::string* err) {
  bool ok = !expr.empty();
  std::size_t i = 0;
  bool neg = false;
  if (ok && (expr[0] == '+' || expr[0] == '-')) {
    neg = expr[0] == '-';
    i = 1;
    ok = expr.size() > 1;
  }
  std::int64_t v = 0;
  bool range = false;
  for (; ok && i < expr.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(expr[i])))
      ok = false;
    else if (v < (std::int64_t(1) << 62))
      v = v * 10 + (expr[i] - '0');
    else
      range = true;
  }
  if (!ok) {
    *err = "failed to parse int from " + expr + ": strconv.Atoi: parsing \"" + expr + "\": invalid syntax";
    return std::nullopt;
  }
  if (range) {
    *err = "failed to parse int from " + expr + ": strconv.Atoi: parsing \"" + expr + "\": value out of range";
    return std::nullopt;
  }
  if (neg && v != 0) {
    *err = "negative number (-" + std::to_string(v) + ") not allowed: " + expr;
    return std::nullopt;
  }
  return static_cast<unsigned>(v);
}

std::optional<unsigned> parse_int_or_name(const std::string& expr, const Bounds& b, std::string* err) {
  if (b.names) {
    std::string lower = expr;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (auto it = b.names->find(lower); it != b.names->end()) return it->second;
  }
  return must_parse_int(expr, err);
}

bool parse_range(const std::string& expr, const Bounds& b, std::string* err, std::uint64_t* bits, bool* star) {
  auto range_and_step = split(expr, '/');
  auto low_high = split(range_and_step[0], '-');
  bool single = low_high.size() == 1;
  unsigned start = 0, end = 0, step = 1;
  if (low_high[0] == "*" || low_high[0] == "?") {
    start = b.min;
    end = b.max;
    if (star && range_and_step.size() == 1) *star = true;
  } else {
    auto s = parse_int_or_name(low_high[0], b, err);
    if (!s) return false;
    start = *s;
    if (low_high.size() == 1) {
      end = start;
    } else if (low_high.size() == 2) {
      auto e = parse_int_or_name(low_high[1], b, err);
      if (!e) return false;
      end = *e;
    } else {
      *err = "too many hyphens: " + expr;
      return false;
    }
  }
  if (range_and_step.size() == 2) {
    auto st = must_parse_int(range_and_step[1], err);
    if (!st) return false;
    step = *st;
    if (single) end = b.max;
  } else if (range_and_step.size() > 2) {
    *err = "too many slashes: " + expr;
    return false;
  }
  if (start < b.min) {
    *err = "beginning of range (" + std::to_string(start) + ") below minimum (" + std::to_string(b.min) + "): " + expr;
    return false;
  }
  if (end > b.max) {
    *err = "end of range (" + std::to_string(end) + ") above maximum (" + std::to_string(b.max) + "): " + expr;
    return false;
  }
  if (start > end) {
    *err =
        "beginning of range (" + std::to_string(start) + ") beyond end of range (" + std::to_string(end) + "): " + expr;
    return false;
  }
  if (step == 0) {
    *err = "step of range should be a positive number: " + expr;
    return false;
  }
  if (bits)
    for (unsigned v = start; v <= end; v += step) *bits |= std::uint64_t(1) << v;
  return true;
}

bool parse_field(const std::string& field, const Bounds& b, std::string* err, std::uint64_t* bits = nullptr,
                 bool* star = nullptr) {
  // strings.FieldsFunc on ',' drops empty pieces.
  for (const auto& expr : split(field, ','))
    if (!expr.empty() && !parse_range(expr, b, err, bits, star)) return false;
  return true;
}

// time.ParseDuration, enough for "@every": a sequence of <number><unit>.
bool parse_duration(const std::string& s) {
  if (s.empty()) return false;
  std::size_t i = 0;
  if (s[0] == '+' || s[0] == '-') ++i;
  if (s.substr(i) == "0") return true;
  bool any = false;
  while (i < s.size()) {
    std::size_t digits = i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    if (i == digits) return false;
    std::size_t unit = i;
    while (i < s.size() && !std::isdigit(static_cast<unsigned char>(s[i])) && s[i] != '.') ++i;
    std::string u = s.substr(unit, i - unit);
    if (u != "ns" && u != "us" && u != "\xc2\xb5s" && u != "ms" && u != "s" && u != "m" && u != "h") return false;
    any = true;
  }
  return any;
}

}  // namespace

bool valid_cron_schedule(std::string_view schedule, std::string* err) {
  std::string local;
  std::string* e = err ? err : &local;
  std::string spec(schedule);
  if (spec.empty()) {
    *e = "empty spec string";
    return false;
  }
  if (spec.rfind("TZ=", 0) == 0 || spec.rfind("CRON_TZ=", 0) == 0) {
    auto sp = spec.find(' ');
    if (sp == std::string::npos) {
      *e = "provided bad location " + spec.substr(spec.find('=') + 1) + ": unknown time zone " +
           spec.substr(spec.find('=') + 1);
      return false;
    }
    spec = spec.substr(sp + 1);
    while (!spec.empty() && std::isspace(static_cast<unsigned char>(spec.front()))) spec.erase(0, 1);
  }
  if (!spec.empty() && spec[0] == '@') {
    static const char* const known[] = {"@yearly", "@annually", "@monthly", "@weekly",
                                        "@daily",  "@midnight", "@hourly"};
    for (const char* k : known)
      if (spec == k) return true;
    const std::string every = "@every ";
    if (spec.rfind(every, 0) == 0) {
      std::string d = spec.substr(every.size());
      if (parse_duration(d)) return true;
      *e = "failed to parse duration " + spec + ": time: invalid duration \"" + d + "\"";
      return false;
    }
    *e = "unrecognized descriptor: " + spec;
    return false;
  }
  auto fields = fields_of(spec);
  if (fields.size() != 5) {
    std::string shown = "[";
    for (std::size_t i = 0; i < fields.size(); ++i) shown += (i ? " " : "") + fields[i];
    shown += "]";
    *e = "expected exactly 5 fields, found " + std::to_string(fields.size()) + ": " + shown;
    return false;
  }
  const Bounds bounds[5] = {{0, 59, nullptr}, {0, 23, nullptr}, {1, 31, nullptr}, {1, 12, &kMonths}, {0, 6, &kDays}};
  for (int i = 0; i < 5; ++i)
    if (!parse_field(fields[i], bounds[i], e)) return false;
  return true;
}

std::optional<CronSchedule> parse_cron_schedule(std::string_view schedule) {
  if (!valid_cron_schedule(schedule, nullptr)) return std::nullopt;
  std::string spec(schedule);
  if (spec.rfind("TZ=", 0) == 0 || spec.rfind("CRON_TZ=", 0) == 0) {
    spec = spec.substr(spec.find(' ') + 1);
    while (!spec.empty() && std::isspace(static_cast<unsigned char>(spec.front()))) spec.erase(0, 1);
  }
  static const std::map<std::string, std::string> descriptors = {
      {"@yearly", "0 0 1 1 *"}, {"@annually", "0 0 1 1 *"}, {"@monthly", "0 0 1 * *"}, {"@weekly", "0 0 * * 0"},
      {"@daily", "0 0 * * *"},  {"@midnight", "0 0 * * *"}, {"@hourly", "0 * * * *"}};
  if (auto it = descriptors.find(spec); it != descriptors.end()) spec = it->second;
  if (spec.rfind("@every", 0) == 0) return std::nullopt;  // FIXME(issue 7): @every intervals
  auto fields = fields_of(spec);
  const Bounds bounds[5] = {{0, 59, nullptr}, {0, 23, nullptr}, {1, 31, nullptr}, {1, 12, &kMonths}, {0, 6, &kDays}};
  CronSchedule c;
  std::uint64_t* bits[5] = {&c.minutes, &c.hours, &c.days_of_month, &c.months, &c.days_of_week};
  bool stars[5] = {};
  std::string err;
  for (int i = 0; i < 5; ++i)
    if (!parse_field(fields[i], bounds[i], &err, bits[i], &stars[i])) return std::nullopt;
  c.dom_star = stars[2];
  c.dow_star = stars[4];
  return c;
}

bool CronSchedule::matches(const util::CivilTime& t) const {
  auto has = [](std::uint64_t bits, unsigned v) { return (bits >> v) & 1; };
  if (!has(minutes, static_cast<unsigned>(t.minute)) || !has(hours, static_cast<unsigned>(t.hour)) ||
      !has(months, static_cast<unsigned>(t.month)))
    return false;
  const bool dom = has(days_of_month, static_cast<unsigned>(t.day));
  const bool dow = has(days_of_week, static_cast<unsigned>(t.weekday));
  // robfig/cron: when either day field is `*`, both must match; otherwise either.
  return (dom_star || dow_star) ? (dom && dow) : (dom || dow);
}

std::optional<sim::Time> CronSchedule::next(sim::Time after) const {
  // The next whole minute strictly after `after`, then minute by minute, skipping
  // whole days that cannot match (at most five years ahead, as robfig gives up).
  const std::int64_t minute_us = 60LL * 1000000;
  sim::Time t{(after.us / minute_us + 1) * minute_us};
  const sim::Time limit = after + sim::hours(24 * 366 * 5);
  while (t < limit) {
    const util::CivilTime c = util::civil_from_time(t);
    const bool dom = (days_of_month >> c.day) & 1;
    const bool dow = (days_of_week >> c.weekday) & 1;
    const bool day_ok = ((months >> c.month) & 1) && ((dom_star || dow_star) ? (dom && dow) : (dom || dow));
    if (!day_ok) {
      t = util::time_from_civil(c.year, c.month, c.day) + sim::hours(24);
      continue;
    }
    if (!((hours >> c.hour) & 1)) {
      t = util::time_from_civil(c.year, c.month, c.day, c.hour) + sim::hours(1);
      continue;
    }
    if (matches(c)) return t;
    t = t + sim::minutes(1);
  }
  return std::nullopt;
}

}  // namespace kt::api::kinds
