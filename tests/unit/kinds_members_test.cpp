// Members<Names> (core/api/kinds/members.h): one ordered pass over an object finds
// each named member; names the object lacks, and every name of a value that is not
// an object, read as null.
#include <catch2/catch.hpp>

#include <array>
#include <string_view>

#include "core/api/kinds/members.h"

using kt::Json;
using kt::api::kinds::Members;

namespace {
constexpr std::array<std::string_view, 6> kNames = {"Zulu", "alpha", "env", "envFrom", "image", "zeta"};
}

TEST_CASE("Members finds the named members of an object in one pass", "[kinds][members]") {
  // Keys before, between and after the names, a name that is a prefix of another,
  // and an upper-case key (sorted before lower case).
  const Json obj = {{"AAA", 1},   {"Zulu", "z"},     {"alpha", true}, {"b", 2},
                    {"envFrom", Json::array({1})}, {"image", "nginx"}, {"zz", 3}};
  const Members<kNames> m(obj);
  CHECK(m.get<"Zulu">() == "z");
  CHECK(m.get<"alpha">() == true);
  CHECK(m.get<"env">().is_null());  // absent, though "envFrom" is there
  CHECK(m.get<"envFrom">() == Json::array({1}));
  CHECK(m.get<"image">() == "nginx");
  CHECK(m.get<"zeta">().is_null());
}

TEST_CASE("Members of a value that is not an object are all absent", "[kinds][members]") {
  for (const Json& v : {Json(), Json(3), Json("text"), Json::array({1, 2}), Json::object()}) {
    const Members<kNames> m(v);
    CHECK(m.get<"Zulu">().is_null());
    CHECK(m.get<"env">().is_null());
    CHECK(m.get<"zeta">().is_null());
  }
}

TEST_CASE("Members reads a frozen object as it reads an editable one", "[kinds][members]") {
  const Json obj = {{"env", Json::array({{{"name", "A"}}})}, {"image", "busybox"}, {"zeta", 0}};
  const auto frozen = kt::make_frozen(obj);
  const Members<kNames> m(*frozen);
  CHECK(m.get<"env">() == obj["env"]);
  CHECK(m.get<"image">() == "busybox");
  CHECK(m.get<"zeta">() == 0);
  CHECK(m.get<"alpha">().is_null());
}

TEST_CASE("string_of and integer_of read members as str() and integer() do", "[kinds][members]") {
  using kt::api::kinds::integer_of;
  using kt::api::kinds::string_of;
  CHECK(string_of(Json("x")) == "x");
  CHECK(string_of(Json(3)).empty());
  CHECK(string_of(Json()).empty());
  CHECK(integer_of(Json(30)) == 30);
  CHECK(integer_of(Json(2.9)) == 2);
  CHECK_FALSE(integer_of(Json("30")).has_value());
  CHECK_FALSE(integer_of(Json()).has_value());
}
