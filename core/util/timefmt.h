// Timestamps of virtual time as Kubernetes writes them. The civil-calendar arithmetic is
// done here by hand (proleptic Gregorian, UTC): the core never touches the C library's
// time-zone machinery.
//   format_rfc3339        metav1.Time in JSON/YAML:       2024-01-01T00:00:00Z
//   format_rfc3339_micro  metav1.MicroTime (Lease, Event): 2024-01-01T00:00:00.000000Z
//   format_rfc1123z       kubectl describe (Start Time, Created, ...): Mon, 01 Jan 2024 00:00:00 +0000
//   format_go_time        Go's time.Time.String() in UTC: 2024-01-01 00:00:00 +0000 UTC
//   parse_rfc3339         time.RFC3339 with optional fraction and any offset
// Sub-second parts are truncated (floored), as Go's Format does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/sim/time.h"

namespace kt::util {

struct CivilTime {
  std::int64_t year = 1970;
  int month = 1;   // 1..12
  int day = 1;     // 1..31
  int hour = 0, minute = 0, second = 0;
  int micros = 0;  // 0..999999
  int weekday = 4; // 0 = Sunday (1970-01-01 was a Thursday)
};

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
std::int64_t days_from_civil(std::int64_t year, int month, int day);
CivilTime civil_from_time(sim::Time t);
sim::Time time_from_civil(std::int64_t year, int month, int day, int hour = 0, int minute = 0, int second = 0,
                          int micros = 0);

std::string format_rfc3339(sim::Time t);
std::string format_rfc3339_micro(sim::Time t);
// `offset_minutes` east of UTC selects the printed zone (kubectl prints the local zone;
// the sandbox's machines run in UTC).
std::string format_rfc1123z(sim::Time t, int offset_minutes = 0);
std::string format_go_time(sim::Time t);

// "2024-01-01T00:00:00Z", "2024-01-01T02:00:00+02:00", "2024-01-01T00:00:00.5Z".
// nullopt when malformed or out of range (month 13, Feb 30, second 60, ...).
// Fraction digits beyond microseconds are dropped.
std::optional<sim::Time> parse_rfc3339(std::string_view s);

}  // namespace kt::util
