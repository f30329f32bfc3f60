#include <catch2/catch.hpp>

#include "core/util/timefmt.h"

using namespace kt;
using namespace kt::util;

namespace {
constexpr sim::Time kNewYear2024{1704067200LL * 1000000};  // 2024-01-01T00:00:00Z
}

TEST_CASE("RFC 3339 formatting", "[timefmt]") {
  CHECK(format_rfc3339(sim::Time{0}) == "1970-01-01T00:00:00Z");
  CHECK(format_rfc3339(kNewYear2024) == "2024-01-01T00:00:00Z");
  CHECK(format_rfc3339(kNewYear2024 + sim::millis(999)) == "2024-01-01T00:00:00Z");  // truncated
  CHECK(format_rfc3339(sim::Time{-1}) == "1969-12-31T23:59:59Z");                    // floored
  CHECK(format_rfc3339_micro(kNewYear2024) == "2024-01-01T00:00:00.000000Z");
  CHECK(format_rfc3339_micro(kNewYear2024 + sim::micros(123456)) == "2024-01-01T00:00:00.123456Z");
  CHECK(format_rfc3339(time_from_civil(2024, 2, 29, 13, 5, 9)) == "2024-02-29T13:05:09Z");
  CHECK(format_rfc3339(time_from_civil(2000, 12, 31, 23, 59, 59)) == "2000-12-31T23:59:59Z");
  CHECK(format_rfc3339(time_from_civil(2038, 1, 19, 3, 14, 8)) == "2038-01-19T03:14:08Z");
}

TEST_CASE("kubectl describe and Go time formats", "[timefmt]") {
  CHECK(format_rfc1123z(kNewYear2024) == "Mon, 01 Jan 2024 00:00:00 +0000");
  CHECK(format_rfc1123z(time_from_civil(2022, 1, 1)) == "Sat, 01 Jan 2022 00:00:00 +0000");
  CHECK(format_rfc1123z(kNewYear2024, 120) == "Mon, 01 Jan 2024 02:00:00 +0200");
  CHECK(format_rfc1123z(kNewYear2024, -330) == "Sun, 31 Dec 2023 18:30:00 -0530");
  CHECK(format_rfc1123z(time_from_civil(2006, 1, 2, 15, 4, 5)) == "Mon, 02 Jan 2006 15:04:05 +0000");
  CHECK(format_go_time(kNewYear2024) == "2024-01-01 00:00:00 +0000 UTC");
  CHECK(format_go_time(kNewYear2024 + sim::millis(500)) == "2024-01-01 00:00:00.5 +0000 UTC");
}

TEST_CASE("civil calendar by hand", "[timefmt]") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2024, 1, 1) == 19723);
  CHECK(days_from_civil(1969, 12, 31) == -1);
  CHECK(days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28) == 2);  // 2000 is leap
  CHECK(days_from_civil(1900, 3, 1) - days_from_civil(1900, 2, 28) == 1);  // 1900 is not
  // Every day from 1899 to 2101 round-trips, with weekdays in order.
  int weekday = civil_from_time(time_from_civil(1899, 1, 1)).weekday;
  int mismatches = 0;
  for (std::int64_t d = days_from_civil(1899, 1, 1); d <= days_from_civil(2101, 1, 1); ++d) {
    CivilTime c = civil_from_time(sim::Time{d * 86400LL * 1000000 + 3723000001LL});
    bool ok = days_from_civil(c.year, c.month, c.day) == d && c.hour == 1 && c.minute == 2 && c.second == 3 &&
              c.micros == 1 && c.weekday == weekday && c.day >= 1 && c.day <= 31 && c.month >= 1 && c.month <= 12;
    mismatches += !ok;
    weekday = (weekday + 1) % 7;
  }
  CHECK(mismatches == 0);
  CHECK(civil_from_time(sim::Time{0}).weekday == 4);  // Thursday
}

TEST_CASE("RFC 3339 parsing", "[timefmt]") {
  CHECK(parse_rfc3339("2024-01-01T00:00:00Z") == kNewYear2024);
  CHECK(parse_rfc3339("2024-01-01T02:00:00+02:00") == kNewYear2024);
  CHECK(parse_rfc3339("2023-12-31T18:30:00-05:30") == kNewYear2024);
  CHECK(parse_rfc3339("2024-01-01T00:00:00.5Z") == kNewYear2024 + sim::millis(500));
  CHECK(parse_rfc3339("2024-01-01T00:00:00.000000Z") == kNewYear2024);
  CHECK(parse_rfc3339("2024-01-01T00:00:00.123456789Z") == kNewYear2024 + sim::micros(123456));
  CHECK(parse_rfc3339("2024-02-29T00:00:00Z").has_value());
  CHECK(parse_rfc3339("1969-12-31T23:59:59Z") == sim::Time{-1000000});
  for (auto bad : {"", "2024-01-01", "2024-01-01T00:00:00", "2024-01-01 00:00:00Z", "2024-13-01T00:00:00Z",
                   "2024-00-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-01-01T24:00:00Z",
                   "2024-01-01T00:60:00Z", "2024-01-01T00:00:60Z", "2024-01-01T00:00:00+0200",
                   "2024-01-01T00:00:00+24:00", "2024-01-01T00:00:00z", "2024-1-01T00:00:00Z", "2024-01-01T00:00:00.Z",
                   "2024-01-01T00:00:00ZZ", "x024-01-01T00:00:00Z"}) {
    INFO(bad);
    CHECK_FALSE(parse_rfc3339(bad).has_value());
  }
  // Round trip.
  sim::Time t = time_from_civil(2031, 7, 15, 8, 9, 10, 42);
  CHECK(parse_rfc3339(format_rfc3339_micro(t)) == t);
}
