// Index sets of Indexed Jobs as status.completedIndexes / status.failedIndexes
// write them: ascending, runs of consecutive indexes as "first-last", "1,3-5,7".
#pragma once

#include <cstdint>
#include <set>
#include <string>

namespace kt::controllers {

// "0-2,4" -> {0,1,2,4}; parts that are not numbers are skipped.
std::set<std::int64_t> parse_indexes(const std::string& text);
// {0,1,2,4} -> "0-2,4"
std::string format_indexes(const std::set<std::int64_t>& indexes);

}  // namespace kt::controllers
