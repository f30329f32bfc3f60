// Durations as Kubernetes and Go print and parse them.
//   human_duration        apimachinery/pkg/util/duration.HumanDuration: kubectl's AGE column
//                         ("75s", "2m6s", "13m", "3h4m", "20h", "13d", "2y100d")
//   short_human_duration  ShortHumanDuration ("75s" -> "1m")
//   go_duration_string    Go's time.Duration.String() ("1m30s", "1.5s", "300ms", "0s")
//   parse_go_duration     Go's time.ParseDuration ("300ms", "1h30m", "-1.5h"), as kubectl
//                         parses --timeout, --since, --grace-period durations
// Durations within 2s below zero print "0s" (clock skew); further below, "<invalid>".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/sim/time.h"

namespace kt::util {

std::string human_duration(sim::Duration d);
std::string short_human_duration(sim::Duration d);

std::string go_duration_string(sim::Duration d);
std::string go_duration_string_ns(std::int64_t nanoseconds);

// Throws std::invalid_argument with Go's text, e.g. `time: invalid duration "x"`,
// `time: missing unit in duration "5"`, `time: unknown unit "d" in duration "5d"`.
// Sub-microsecond parts are truncated toward zero (sim::Duration counts microseconds).
sim::Duration parse_go_duration(std::string_view s);
std::int64_t parse_go_duration_ns(std::string_view s);

}  // namespace kt::util
