#include <catch2/catch.hpp>

#include <stdexcept>

#include "core/util/quantity.h"

using namespace kt;
using kt::util::Quantity;
using F = Quantity::Format;

namespace {
std::string str(std::string_view s) { return Quantity::parse(s).to_string(); }
std::string parse_error(std::string_view s) {
  try {
    Quantity::parse(s);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "<no error>";
}
const std::string kFormatWrong =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
}  // namespace

TEST_CASE("quantities print in canonical form", "[quantity]") {
  // Values tutorials use.
  CHECK(str("100Mi") == "100Mi");
  CHECK(str("500m") == "500m");
  CHECK(str("1.5") == "1500m");
  CHECK(str("2e3") == "2e3");
  CHECK(str("1Gi") == "1Gi");
  CHECK(str("128974848") == "128974848");
  CHECK(str("129e6") == "129e6");
  CHECK(str("123Mi") == "123Mi");
  CHECK(str("0.5Gi") == "512Mi");
  CHECK(str("1.5Gi") == "1536Mi");
  CHECK(str("0.1") == "100m");
  CHECK(str("0.5") == "500m");
  CHECK(str("250m") == "250m");
  CHECK(str("1") == "1");
  CHECK(str("2") == "2");
  CHECK(str("64Mi") == "64Mi");
  CHECK(str("1000m") == "1");
  CHECK(str("1000") == "1k");
  CHECK(str("1024Mi") == "1Gi");
  CHECK(str("1000M") == "1G");
  CHECK(str("0") == "0");
  CHECK(str("0m") == "0");
  CHECK(str("0Gi") == "0");
  // apimachinery's TestQuantityParseEmit.
  CHECK(str(".001Ki") == "1024m");
  CHECK(str(".000001Ki") == "1024u");
  CHECK(str(".000000001Ki") == "1024n");
  CHECK(str(".000000000001Ki") == "2n");
  CHECK(str("-1024Mi") == "-1Gi");
  CHECK(str("-.001Ki") == "-1024m");
  // Rounding up to the nano and the BinarySI cap.
  CHECK(str("3.001n") == "4n");
  CHECK(str("0.00000012345") == "124n");
  CHECK(str("1.1E-9") == "2e-9");
  CHECK(str("9Ei") == "9223372036854775807");
  // Exponents.
  CHECK(str("1.5e3") == "1500");
  CHECK(str("1.2e3") == "1200");
  CHECK(str("1E-3") == "1E-3");  // kept as written (see below)
  CHECK(str("1e-3") == "1e-3");
  CHECK(str("0.5e-1") == "50e-3");
  CHECK(str("12E") == "12E");
  CHECK(str("100.035k") == "100.035k");  // scale 0, no trailing 000: kube keeps the text
  CHECK(str("10.035M") == "10.035M");
  CHECK(str("100.0350k") == "100035");
  CHECK(str("10.0350M") == "10035k");
  CHECK(str("0.0005k") == "500m");
  // kube keeps a parsed string that is already canonical, quirks included.
  CHECK(str("+5") == "+5");
  CHECK(str("010") == "010");
  CHECK(str("1.") == "1.");
  CHECK(str("1e3") == "1e3");
  CHECK(str("1E3") == "1E3");
}

TEST_CASE("quantity formats and canonical forms after arithmetic", "[quantity]") {
  auto q = Quantity::parse("1Gi");
  CHECK(q.format() == F::BinarySI);
  CHECK(Quantity::parse("1.5").format() == F::DecimalSI);
  CHECK(Quantity::parse("1e3").format() == F::DecimalExponent);
  CHECK(Quantity::parse("0.000000000001Ki").format() == F::DecimalSI);  // below 1 changes format
  CHECK(Quantity::parse("0.5Mi").format() == F::BinarySI);

  // Values from apimachinery's TestQuantityString.
  CHECK(Quantity::from_int(5, F::BinarySI).to_string() == "5");
  CHECK(Quantity::from_milli(500, F::BinarySI).to_string() == "500m");
  CHECK(Quantity::from_int(1025, F::BinarySI).to_string() == "1025");
  CHECK(Quantity::from_int(6 * 1024, F::BinarySI).to_string() == "6Ki");
  CHECK(Quantity::from_int(300LL * 1024 * 1024, F::BinarySI).to_string() == "300Mi");
  CHECK(Quantity::from_int(1001LL * 1024 * 1024 * 1024, F::BinarySI).to_string() == "1001Gi");
  CHECK(Quantity::from_int(-2000, F::BinarySI).to_string() == "-2000");
  CHECK(Quantity::from_milli(1080).to_string() == "1080m");
  CHECK(Quantity::from_scaled(1234567, 6).to_string() == "1234567M");
  CHECK(Quantity::from_scaled(3, 3).to_string() == "3k");
  CHECK(Quantity::from_scaled(80, -9).to_string() == "80n");
  CHECK(Quantity::from_scaled(1, -6).to_string() == "1u");
  CHECK(Quantity::from_int(0, F::DecimalExponent).to_string() == "0");
  auto e = Quantity::from_scaled(80, -3);
  e.set_format(F::DecimalExponent);
  CHECK(e.to_string() == "80e-3");
  CHECK((-Quantity::parse("9.01")).to_string() == "-9010m");

  // Sums of requests, as `kubectl describe node` adds them.
  auto cpu = Quantity::parse("100m") + Quantity::parse("250m") + Quantity::parse("1");
  CHECK(cpu.to_string() == "1350m");
  CHECK(cpu.milli_value() == 1350);
  auto mem = Quantity::parse("64Mi") + Quantity::parse("64Mi");
  CHECK(mem.to_string() == "128Mi");
  CHECK((Quantity::parse("1Gi") - Quantity::parse("512Mi")).to_string() == "512Mi");
  // A zero takes the other operand's format (TestQuantityAddZeroPreservesSuffix).
  CHECK((Quantity::parse("0") + Quantity::parse("1Gi")).to_string() == "1Gi");
  CHECK((Quantity::parse("1Gi") + Quantity::parse("0")).to_string() == "1Gi");
  CHECK((Quantity::parse("0") - Quantity::parse("100m")).to_string() == "-100m");
  auto m = Quantity::parse("1Ki");
  m.mul(3);
  CHECK(m.to_string() == "3Ki");
}

TEST_CASE("quantity values, comparison and JSON", "[quantity]") {
  CHECK(Quantity::parse("1.5").value() == 2);  // rounded up
  CHECK(Quantity::parse("1.5").milli_value() == 1500);
  CHECK(Quantity::parse("100m").value() == 1);
  CHECK(Quantity::parse("100m").milli_value() == 100);
  CHECK(Quantity::parse("1Gi").value() == 1073741824);
  CHECK(Quantity::parse("1Gi").scaled_value(6) == 1074);  // ceil(1073.741824)
  CHECK(Quantity::parse("-1.5").value() == -2);
  CHECK(Quantity::parse("0.5").as_double() == Approx(0.5));

  CHECK(Quantity::parse("100m").compare(Quantity::parse("50m")) == 1);
  CHECK(Quantity::parse("50m").compare(Quantity::parse("100m")) == -1);
  CHECK(Quantity::parse("10000T") > Quantity::parse("100Gi"));
  CHECK(Quantity::parse("1") == Quantity::parse("1000m"));
  CHECK(Quantity::parse("1Gi") == Quantity::parse("1073741824"));
  CHECK(Quantity::parse("1Gi") < Quantity::parse("1.1G"));
  CHECK(Quantity::parse("1.5").sign() == 1);
  CHECK(Quantity().is_zero());

  CHECK(Quantity::from_json(Json("  100Mi ")).to_string() == "100Mi");
  CHECK(Quantity::from_json(Json(2)).to_string() == "2");
  CHECK(Quantity::from_json(Json(0.5)).to_string() == "500m");
  CHECK(Quantity::from_json(nullptr).is_zero());
  CHECK(Quantity::parse("1.5Gi").to_json() == Json("1536Mi"));
}

TEST_CASE("quantity parse errors carry the real messages", "[quantity]") {
  for (auto bad : {"", "1.1.M", "1+1.0M", "aoeu", " 1", "1 ", "0.1am", "1Gi "}) {
    INFO(bad);
    CHECK(parse_error(bad) == kFormatWrong);
  }
  for (auto bad : {"0.1mi", "-3.01e-", ".5i", "1i", "-3.01i", "1K", "1ki", "1e"}) {
    INFO(bad);
    CHECK(parse_error(bad) == "unable to parse quantity's suffix");
  }
  CHECK_FALSE(Quantity::try_parse("abc").has_value());
  CHECK(Quantity::try_parse("1Ki").has_value());
  // The odd but valid forms from apimachinery's parser tests.
  CHECK(str(".") == "0");
  CHECK(str("-.") == "0");
  CHECK(str("1.G") == "1.G");
  CHECK(Quantity::parse("1.G") == Quantity::parse("1G"));
}
