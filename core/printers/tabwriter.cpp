#include "core/printers/tabwriter.h"

#include <algorithm>

namespace kt::printers {

std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string tabwrite(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  return tabwrite(rows, widths);
}

std::string tabwrite(const std::vector<std::vector<std::string>>& rows, std::vector<std::size_t>& widths) {
  constexpr std::size_t kMinWidth = 6, kPadding = 3;
  for (const auto& row : rows) {
    // The last cell of a row is not tab-terminated: it takes no part in alignment.
    for (std::size_t i = 0; i + 1 < row.size(); ++i) {
      if (widths.size() <= i) widths.resize(i + 1, 0);
      widths[i] = std::max(widths[i], std::max(display_width(row[i]) + kPadding, kMinWidth));
    }
  }
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += row[i];
      if (i + 1 < row.size()) out.append(widths[i] - display_width(row[i]), ' ');
    }
    out += '\n';
  }
  return out;
}

}  // namespace kt::printers
