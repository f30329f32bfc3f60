#include <catch2/catch.hpp>

#include <stdexcept>

#include "core/util/duration.h"

using namespace kt;
using namespace kt::util;
using sim::hours;
using sim::millis;
using sim::minutes;
using sim::seconds;

namespace {
std::string parse_error(std::string_view s) {
  try {
    parse_go_duration_ns(s);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "<no error>";
}
sim::Duration days(std::int64_t n) { return hours(24 * n); }
}  // namespace

TEST_CASE("HumanDuration, kubectl's AGE", "[duration]") {
  // apimachinery's duration_test.go and the forms the brief lists.
  CHECK(human_duration(seconds(1)) == "1s");
  CHECK(human_duration(seconds(70)) == "70s");
  CHECK(human_duration(seconds(75)) == "75s");
  CHECK(human_duration(seconds(119)) == "119s");
  CHECK(human_duration(seconds(120)) == "2m");
  CHECK(human_duration(seconds(126)) == "2m6s");
  CHECK(human_duration(seconds(190)) == "3m10s");
  CHECK(human_duration(minutes(10)) == "10m");
  CHECK(human_duration(minutes(13)) == "13m");
  CHECK(human_duration(minutes(70)) == "70m");
  CHECK(human_duration(minutes(179)) == "179m");
  CHECK(human_duration(minutes(180)) == "3h");
  CHECK(human_duration(minutes(184)) == "3h4m");
  CHECK(human_duration(hours(8)) == "8h");
  CHECK(human_duration(hours(20)) == "20h");
  CHECK(human_duration(hours(47)) == "47h");
  CHECK(human_duration(hours(48)) == "2d");
  CHECK(human_duration(hours(49)) == "2d1h");
  CHECK(human_duration(days(8) + hours(2)) == "8d");
  CHECK(human_duration(days(13)) == "13d");
  CHECK(human_duration(days(367)) == "367d");
  CHECK(human_duration(days(365 * 2 + 25)) == "2y25d");
  CHECK(human_duration(days(365 * 2 + 100)) == "2y100d");
  CHECK(human_duration(days(365 * 3)) == "3y");
  CHECK(human_duration(days(365 * 8) + hours(2)) == "8y");
  CHECK(human_duration(sim::Duration{0}) == "0s");
  CHECK(human_duration(millis(999)) == "0s");
  // Clock skew up to (but excluding) 2s below zero reads "0s".
  CHECK(human_duration(millis(-1500)) == "0s");
  CHECK(human_duration(seconds(-1)) == "0s");
  CHECK(human_duration(seconds(-2)) == "<invalid>");
}

TEST_CASE("ShortHumanDuration", "[duration]") {
  CHECK(short_human_duration(seconds(59)) == "59s");
  CHECK(short_human_duration(seconds(75)) == "1m");
  CHECK(short_human_duration(minutes(90)) == "1h");
  CHECK(short_human_duration(hours(30)) == "1d");
  CHECK(short_human_duration(days(400)) == "1y");
  CHECK(short_human_duration(seconds(-1)) == "0s");
  CHECK(short_human_duration(seconds(-5)) == "<invalid>");
}

TEST_CASE("Go's Duration.String", "[duration]") {
  CHECK(go_duration_string(sim::Duration{0}) == "0s");
  CHECK(go_duration_string(millis(1500)) == "1.5s");
  CHECK(go_duration_string(seconds(90)) == "1m30s");
  CHECK(go_duration_string(hours(1)) == "1h0m0s");
  CHECK(go_duration_string(hours(2) + minutes(45)) == "2h45m0s");
  CHECK(go_duration_string(millis(300)) == "300ms");
  CHECK(go_duration_string(sim::micros(1)) == "1\xC2\xB5s");
  CHECK(go_duration_string(sim::micros(1500)) == "1.5ms");
  CHECK(go_duration_string(sim::Duration{0} - minutes(90)) == "-1h30m0s");
  CHECK(go_duration_string(seconds(30)) == "30s");
  CHECK(go_duration_string_ns(1) == "1ns");
  CHECK(go_duration_string_ns(1100) == "1.1\xC2\xB5s");
  CHECK(go_duration_string_ns(INT64_MIN) == "-2562047h47m16.854775808s");
  CHECK(go_duration_string_ns(INT64_MAX) == "2562047h47m16.854775807s");
}

TEST_CASE("Go's time.ParseDuration", "[duration]") {
  CHECK(parse_go_duration("300ms") == millis(300));
  CHECK(parse_go_duration("1h30m") == minutes(90));
  CHECK(parse_go_duration("-1.5h") == sim::Duration{0} - minutes(90));
  CHECK(parse_go_duration("1.5h") == minutes(90));
  CHECK(parse_go_duration("10s") == seconds(10));
  CHECK(parse_go_duration("+5s") == seconds(5));
  CHECK(parse_go_duration("0") == sim::Duration{0});
  CHECK(parse_go_duration("-0") == sim::Duration{0});
  CHECK(parse_go_duration("1h2m3s4ms5us6ns") == hours(1) + minutes(2) + seconds(3) + millis(4) + sim::micros(5));
  CHECK(parse_go_duration("3\xC2\xB5s") == sim::micros(3));  // µs (micro sign)
  CHECK(parse_go_duration("3\xCE\xBCs") == sim::micros(3));  // μs (Greek mu)
  CHECK(parse_go_duration(".5s") == millis(500));
  CHECK(parse_go_duration("1.s") == seconds(1));
  CHECK(parse_go_duration_ns("1.000000001s") == 1000000001);
  CHECK(parse_go_duration_ns("9223372036854775807ns") == INT64_MAX);
  CHECK(parse_go_duration_ns("-9223372036854775808ns") == INT64_MIN);

  CHECK(parse_error("") == "time: invalid duration \"\"");
  CHECK(parse_error("x") == "time: invalid duration \"x\"");
  CHECK(parse_error("-") == "time: invalid duration \"-\"");
  CHECK(parse_error(".s") == "time: invalid duration \".s\"");
  CHECK(parse_error("5") == "time: missing unit in duration \"5\"");
  CHECK(parse_error("5d") == "time: unknown unit \"d\" in duration \"5d\"");
  CHECK(parse_error("1h5") == "time: missing unit in duration \"1h5\"");
  CHECK(parse_error("9223372036854775808ns") == "time: invalid duration \"9223372036854775808ns\"");
  CHECK(parse_error("3\xC3\xA9s") == "time: unknown unit \"\\xc3\\xa9s\" in duration \"3\\xc3\\xa9s\"");
}
