// CronJob schedule syntax check, as the API server does it (robfig/cron v3
// ParseStandard: five fields minute hour day-of-month month day-of-week, names
// jan-dec / sun-sat, ranges, steps, lists, and the @yearly/@monthly/@weekly/
// @daily/@midnight/@hourly/@every descriptors), with the parser's error texts, e.g.
//   expected exactly 5 fields, found 1: [x]
//   end of range (60) above maximum (59): 60
//   failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/sim/time.h"
#include "core/util/timefmt.h"

namespace kt::api::kinds {

// True when `schedule` parses; otherwise false with the parser's message in *err.
bool valid_cron_schedule(std::string_view schedule, std::string* err);

// A parsed schedule, as robfig's SpecSchedule: one bit per allowed value. Times are
// UTC (the sandbox's machines run in UTC; FIXME(issue 7): spec.timeZone).
struct CronSchedule {
  std::uint64_t minutes = 0, hours = 0, days_of_month = 0, months = 0, days_of_week = 0;
  bool dom_star = false, dow_star = false;
  bool matches(const util::CivilTime& t) const;
  // The first activation strictly after `after`; nullopt when none within 5 years.
  std::optional<sim::Time> next(sim::Time after) const;
};
std::optional<CronSchedule> parse_cron_schedule(std::string_view schedule);

}  // namespace kt::api::kinds
