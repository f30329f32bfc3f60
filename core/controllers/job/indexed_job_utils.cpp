#include "core/controllers/job/indexed_job_utils.h"

namespace kt::controllers {
namespace {

bool is_number(const std::string& s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos; }

}  // namespace

std::set<std::int64_t> parse_indexes(const std::string& text) {
  std::set<std::int64_t> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto comma = text.find(',', pos);
    const std::string part = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    const auto dash = part.find('-');
    const std::string a = part.substr(0, dash), b = dash == std::string::npos ? a : part.substr(dash + 1);
    if (is_number(a) && is_number(b) && a.size() < 18 && b.size() < 18)
      for (std::int64_t i = std::stoll(a); i <= std::stoll(b); ++i) out.insert(i);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

std::string format_indexes(const std::set<std::int64_t>& indexes) {
  std::string out;
  for (auto it = indexes.begin(); it != indexes.end();) {
    const std::int64_t first = *it;
    std::int64_t last = *it;
    for (++it; it != indexes.end() && *it == last + 1; ++it) last = *it;
    out += (out.empty() ? "" : ",") + std::to_string(first) + (last > first ? "-" + std::to_string(last) : "");
  }
  return out;
}

}  // namespace kt::controllers
