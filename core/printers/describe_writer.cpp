#include "core/printers/describe_writer.h"

#include <algorithm>
#include <vector>

#include "core/printers/tabwriter.h"

namespace kt::printers {
namespace {

struct Cell {
  std::string text;
  std::size_t width = 0;
};
using Line = std::vector<Cell>;

class Formatter {
 public:
  explicit Formatter(std::vector<Line> lines) : lines_(std::move(lines)) {}

  std::string run() {
    format(0, lines_.size());
    return std::move(out_);
  }

 private:
  static constexpr std::size_t kPadding = 2;

  // tabwriter.format: finds the column blocks of column widths_.size() among lines
  // [line0, line1), formats the columns to their right recursively, then writes.
  void format(std::size_t line0, std::size_t line1) {
    const std::size_t column = widths_.size();
    for (std::size_t cur = line0; cur < line1; ++cur) {
      if (column + 1 >= lines_[cur].size()) continue;
      write_lines(line0, cur);
      line0 = cur;
      std::size_t width = 0;
      for (; cur < line1; ++cur) {
        const Line& l = lines_[cur];
        if (column + 1 >= l.size()) break;
        width = std::max(width, l[column].width + kPadding);
      }
      widths_.push_back(width);
      format(line0, cur);
      widths_.pop_back();
      line0 = cur;
      if (cur >= line1) break;
    }
    write_lines(line0, line1);
  }

  void write_lines(std::size_t line0, std::size_t line1) {
    for (std::size_t i = line0; i < line1; ++i) {
      const Line& line = lines_[i];
      for (std::size_t j = 0; j < line.size(); ++j) {
        out_ += line[j].text;
        if (j < widths_.size() && widths_[j] > line[j].width) out_.append(widths_[j] - line[j].width, ' ');
      }
      if (i + 1 < lines_.size()) out_ += '\n';
    }
  }

  std::vector<Line> lines_;
  std::vector<std::size_t> widths_;
  std::string out_;
};

}  // namespace

void PrefixWriter::write(int level, std::string_view text) {
  buf_.append(static_cast<std::size_t>(level + nest) * 2, ' ');
  buf_.append(text);
}

void PrefixWriter::line(std::string_view text) {
  buf_.append(static_cast<std::size_t>(nest) * 2, ' ');
  buf_.append(text);
  buf_ += '\n';
}

std::string PrefixWriter::finish() const { return go_tabwrite(buf_); }

std::string go_tabwrite(std::string_view text) {
  std::vector<Line> lines(1);
  std::string cell;
  for (char c : text) {
    if (c == '\t' || c == '\n') {
      lines.back().push_back({cell, display_width(cell)});
      cell.clear();
      if (c == '\n') lines.emplace_back();
    } else {
      cell += c;
    }
  }
  lines.back().push_back({cell, display_width(cell)});
  return Formatter(std::move(lines)).run();
}

}  // namespace kt::printers
