// The text layer of `kubectl describe` (kubectl's describe.PrefixWriter over Go's
// text/tabwriter configured as tabbedString does: minwidth 0, tabwidth 8, padding 2,
// pad ' ', no flags).
//
// A describer writes lines whose cells are separated by '\t'; write(level, text)
// puts 2*level spaces in front of `text` (once, even when `text` spans lines, as
// kubectl's Write does). finish() aligns the cells as Go's tabwriter does: a column
// block is a run of consecutive lines that all have a tab-terminated cell in that
// column; each block is as wide as its widest cell + 2. The last cell of a line
// (the text after its last tab) is never padded.
#pragma once

#include <string>
#include <string_view>

namespace kt::printers {

class PrefixWriter {
 public:
  // Write(level, format, ...): the text after 2*level spaces.
  void write(int level, std::string_view text);
  // WriteLine(a): `text` and a newline, without indentation (a nested writer indents
  // it by its own levels, as NestedPrefixWriter.WriteLine does).
  void line(std::string_view text);
  // NewNestedPrefixWriter(w, n): while nested, every write gains `n` levels.
  int nest = 0;
  // The aligned text.
  std::string finish() const;
  const std::string& raw() const { return buf_; }

 private:
  std::string buf_;
};

// Go's text/tabwriter (minwidth 0, tabwidth 8, padding 2, ' ', flags 0) over `text`.
std::string go_tabwrite(std::string_view text);

}  // namespace kt::printers
