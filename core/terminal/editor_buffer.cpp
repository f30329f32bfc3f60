// TextBuffer (editor.h): the file and line handling vi and nano share.
#include "core/terminal/editor.h"

namespace kt::term {

TextBuffer::Loaded TextBuffer::load(const FileSystem& fs, const std::string& path, bool keep_last_empty) {
  Loaded f;
  lines = {""};
  if (fs.is_dir(path)) {
    f.is_dir = true;
    return f;
  }
  auto rd = fs.read(path);
  if (!rd.data) return f;
  f.exists = true;
  const std::string& d = *rd.data;
  f.bytes = d.size();
  lines.clear();
  std::size_t i = 0;
  while (i < d.size()) {
    auto nl = d.find('\n', i);
    if (nl == std::string::npos) nl = d.size();
    lines.push_back(d.substr(i, nl - i));
    i = nl + 1;
  }
  if (lines.empty() || (keep_last_empty && !d.empty() && d.back() == '\n')) lines.push_back("");
  return f;
}

std::string TextBuffer::text() const {
  if (lines.size() == 1 && lines[0].empty()) return "";
  std::string data;
  for (const auto& l : lines) data += l + "\n";
  return data;
}

void TextBuffer::split(std::size_t row, std::size_t col) {
  std::string rest = lines[row].substr(col);
  lines[row].erase(col);
  lines.insert(lines.begin() + static_cast<long>(row) + 1, std::move(rest));
}

std::size_t TextBuffer::join_up(std::size_t row) {
  const std::size_t col = lines[row - 1].size();
  lines[row - 1] += lines[row];
  lines.erase(lines.begin() + static_cast<long>(row));
  return col;
}

void TextBuffer::enter(std::size_t& row, std::size_t& col) {
  split(row, col);
  ++row;
  col = 0;
}

bool TextBuffer::backspace(std::size_t& row, std::size_t& col) {
  if (col > 0) {
    lines[row].erase(--col, 1);
    return true;
  }
  if (row == 0) return false;
  col = join_up(row);
  --row;
  return true;
}

bool TextBuffer::delete_right(std::size_t row, std::size_t col) {
  if (col < lines[row].size()) {
    lines[row].erase(col, 1);
    return true;
  }
  if (row + 1 >= lines.size()) return false;
  join_up(row + 1);
  return true;
}

}  // namespace kt::term
