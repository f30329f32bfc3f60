// Column alignment exactly as kubectl's output: Go's text/tabwriter configured as
// kubectl does (minwidth 6, padding 3, pad ' ', no flags). Each row's last cell is
// not padded; every other column is as wide as its widest cell + 3, at least 6.
#pragma once

#include <string>
#include <vector>

namespace kt::printers {

std::string tabwrite(const std::vector<std::vector<std::string>>& rows);
// The same for one writer flushed several times (kubectl get -w flushes after every
// event): kubectl's tabwriter (liggitt/tabwriter with RememberWidths) never makes a
// column narrower than it was in an earlier flush. `widths` carries those widths.
std::string tabwrite(const std::vector<std::vector<std::string>>& rows, std::vector<std::size_t>& widths);

// Display width of UTF-8 text (one column per code point; tabwriter counts runes).
std::size_t display_width(const std::string& s);

}  // namespace kt::printers
