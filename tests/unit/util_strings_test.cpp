// core/util/strings: Go's strings.Split and strings.Join, ASCII lower case.
#include <catch2/catch.hpp>

#include "core/util/strings.h"

using kt::util::join;
using kt::util::lower;
using kt::util::split;
using V = std::vector<std::string>;

TEST_CASE("split keeps empty fields as strings.Split does", "[util][strings]") {
  CHECK(split("a,b,c", ',') == V{"a", "b", "c"});
  CHECK(split("a,,b", ',') == V{"a", "", "b"});
  CHECK(split(",a,", ',') == V{"", "a", ""});
  CHECK(split("", ',') == V{""});
  CHECK(split("abc", ',') == V{"abc"});
  CHECK(split("a.b", '.') == V{"a", "b"});
}

TEST_CASE("join puts the separator between every pair, empty parts included", "[util][strings]") {
  CHECK(join({}, ",").empty());
  CHECK(join({"a"}, ", ") == "a");
  CHECK(join({"a", "b", "c"}, ", ") == "a, b, c");
  CHECK(join({"", "a"}, ",") == ",a");
  CHECK(join(split("x,,y", ','), ",") == "x,,y");
}

TEST_CASE("lower changes ASCII letters only", "[util][strings]") {
  CHECK(lower("Deployment.Apps") == "deployment.apps");
  CHECK(lower("ÄB-9") == "Äb-9");
  CHECK(lower("").empty());
}
