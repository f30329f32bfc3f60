// CronJob schedule syntax check, as the API server does it (robfig/cron v3
// ParseStandard: five fields minute hour day-of-month month day-of-week, names
// jan-dec / sun-sat, ranges, steps, lists, and the @yearly/@monthly/@weekly/
// @daily/@midnight/@hourly/@every descriptors), with the parser's error texts, e.g.
//   expected exactly 5 fields, found 1: [x]
//   end of range (60) above maximum (59): 60
//   failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax
#pragma once

#include <string>
#include <string_view>

namespace kt::api::kinds {

// True when `schedule` parses; otherwise false with the parser's message in *err.
bool valid_cron_schedule(std::string_view schedule, std::string* err);

}  // namespace kt::api::kinds
