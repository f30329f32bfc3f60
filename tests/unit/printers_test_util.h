// Helpers for the table printer tests: the cells of the one row a printer makes of a
// JSON object, and a resource's column headers (priority columns marked with "*"),
// at a fixed "now" of 2024-01-01T01:00:00Z.
#pragma once

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/api/resources.h"
#include "core/printers/table.h"
#include "core/util/timefmt.h"

namespace kt::testing {

inline const sim::Time kPrinterNow = util::time_from_civil(2024, 1, 1, 1, 0, 0);

inline std::vector<std::string> cells(const char* group, const char* version, const char* plural,
                                      const std::string& json) {
  const auto* res = api::ResourceRegistry::builtin().find(group, version, plural);
  REQUIRE(res);
  auto t = printers::make_table(*res, {api::make_object(Json::parse(json))}, kPrinterNow);
  std::vector<std::string> out;
  for (const auto& c : t.rows.at(0).cells) out.push_back(c.is_string() ? c.get<std::string>() : c.dump());
  return out;
}

inline std::vector<std::string> headers(const char* group, const char* version, const char* plural) {
  const auto* res = api::ResourceRegistry::builtin().find(group, version, plural);
  REQUIRE(res);
  std::vector<std::string> out;
  for (const auto& c : printers::table_columns(*res)) out.push_back(c.name + (c.priority ? "*" : ""));
  return out;
}

}  // namespace kt::testing
