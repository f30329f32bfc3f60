// GNU nano for the sandbox terminal (see editor_nano.h). Map:
//   1. opening, writing, messages
//   2. keys in the text
//   3. the prompts (File Name to Write, Save modified buffer?, Search) and help
//   4. drawing
#include "core/terminal/editor_nano.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace kt::term {
namespace {

constexpr const char* kInverse = "\x1b[7m";
constexpr const char* kPlain = "\x1b[0m";

std::string plural_lines(std::size_t n) { return std::to_string(n) + (n == 1 ? " line" : " lines"); }

bool printable(std::string_view k) {
  if (k.size() != 1) return false;
  const auto c = static_cast<unsigned char>(k[0]);
  return c >= 0x20 && c != 0x7f;
}

// nano's help screen (^G), its first paragraphs.
constexpr const char* kHelp[] = {
    " The nano editor is designed to emulate the functionality and ease-of-use",
    " of the UW Pico text editor.  There are four main sections of the editor.",
    " The top line shows the program version, the current filename being",
    " edited, and whether or not the file has been modified.  Next is the main",
    " editor window showing the file being edited.  The status line is the",
    " third line from the bottom and shows important messages.  The bottom two",
    " lines show the most commonly used shortcuts in the editor.",
    "",
    " Shortcuts are written as follows: Control-key sequences are notated with",
    " a '^' and can be entered either by using the Ctrl key or pressing the Esc",
    " key twice.  Meta-key sequences are notated with 'M-' and can be entered",
    " using either the Alt, Cmd, or Esc key, depending on your keyboard setup.",
    " Also, pressing Esc twice and then typing a three-digit decimal number",
    " from 000 to 255 will enter the character with the corresponding value.",
    " The following keystrokes are available in the main editor window.",
    " Alternative keys are shown in parentheses:",
    "",
    "^G     (F1)      Display this help text",
    "^X     (F2)      Close the current buffer / Exit from nano",
    "^O     (F3)      Write the current buffer (or the marked region) to disk",
    "^W     (F6)      Start a forward search",
    "^K     (F9)      Cut current line (or marked region) and store it in cutbuffer",
    "^U     (F10)     Paste the contents of cutbuffer at current cursor position",
    "^C     (F11)     Display the position of the cursor",
};

}  // namespace

// ---- 1. file ------------------------------------------------------------------------------
Nano::Nano(FileSystem& fs, std::string path, int cols, int rows)
    : fs_(fs), path_(std::move(path)), cols_(std::max(cols, 40)), rows_(std::max(rows, 6)) {
  const TextBuffer::Loaded f = buf_.load(fs_, path_, true);
  keep_last_line_empty();
  if (f.is_dir) message("\"" + path_ + "\" is a directory");
  else if (!f.exists) message("New File");
  else message("Read " + plural_lines(lines_.size() - 1));
}

void Nano::keep_last_line_empty() {
  if (lines_.empty() || !lines_.back().empty()) lines_.push_back("");
}

void Nano::message(std::string text) {
  status_ = std::move(text);
  status_keys_ = 0;
}

bool Nano::write_file(const std::string& path) {
  std::string data;
  for (std::size_t i = 0; i + 1 < lines_.size(); ++i) data += lines_[i] + "\n";
  if (auto err = fs_.write(path, data, false); !err.empty()) {
    message("Error writing " + path + ": " + err);
    return false;
  }
  path_ = path;
  modified_ = false;
  message("Wrote " + plural_lines(lines_.size() - 1));
  return true;
}

void Nano::resize(int cols, int rows) {
  cols_ = std::max(cols, 40);
  rows_ = std::max(rows, 6);
  scroll();
}

void Nano::scroll() {
  const std::size_t text_rows = static_cast<std::size_t>(rows_ - 4);
  if (row_ < top_) top_ = row_;
  if (row_ >= top_ + text_rows) top_ = row_ - text_rows + 1;
}

void Nano::key(std::string_view k) {
  if (!status_.empty() && ++status_keys_ > 20) status_.clear();
  if (mode_ == Mode::Edit) edit(k);
  else prompt(k);
  row_ = std::min(row_, lines_.size() - 1);
  col_ = std::min(col_, lines_[row_].size());
  scroll();
}

// ---- 2. keys in the text ---------------------------------------------------------------------
void Nano::edit(std::string_view k) {
  const bool cr_lf = last_was_cr_ && k == "\n";
  last_was_cr_ = k == "\r";
  if (cr_lf) return;
  const bool cut = k == "\x0b";
  const bool was_cut = std::exchange(last_was_cut_, cut);
  std::string& line = lines_[row_];
  if (k == "\x18") {  // ^X
    if (!modified_) {
      done_ = true;
      return;
    }
    mode_ = Mode::SaveChanges;
  } else if (k == "\x0f") {  // ^O
    mode_ = Mode::WriteName;
    answer_ = path_;
    exit_after_write_ = false;
  } else if (k == "\x17") {  // ^W
    mode_ = Mode::Search;
    answer_.clear();
  } else if (k == "\x07") {  // ^G
    mode_ = Mode::Help;
    status_.clear();
  } else if (k == "\x03") {  // ^C
    location();
  } else if (cut) {  // ^K: gathers the lines of consecutive cuts
    status_.clear();  // nano redraws the whole screen, status line included
    if (!was_cut) cut_.clear();
    if (row_ + 1 == lines_.size()) {
      if (line.empty()) return;
      cut_.push_back(line);
      line.clear();
    } else {
      cut_.push_back(line);
      lines_.erase(lines_.begin() + static_cast<long>(row_));
    }
    col_ = 0;
    modified_ = true;
  } else if (k == "\x15") {  // ^U
    status_.clear();
    if (cut_.empty()) return;
    lines_.insert(lines_.begin() + static_cast<long>(row_), cut_.begin(), cut_.end());
    row_ += cut_.size();
    col_ = 0;
    modified_ = true;
  } else if (k == "\r" || k == "\n") {
    buf_.enter(row_, col_);
    modified_ = true;
  } else if (k == "\x7f" || k == "\b") {
    if (buf_.backspace(row_, col_)) modified_ = true;
  } else if (k == "\x1b[3~" || k == "\x04") {
    if (buf_.delete_right(row_, col_)) modified_ = true;
  } else if (k == "\x1b[D" || k == "\x02") {
    if (col_ > 0) --col_;
    else if (row_ > 0) col_ = lines_[--row_].size();
  } else if (k == "\x1b[C" || k == "\x06") {
    if (col_ < line.size()) ++col_;
    else if (row_ + 1 < lines_.size()) ++row_, col_ = 0;
  } else if (k == "\x1b[A" || k == "\x10") {
    if (row_ > 0) --row_;
  } else if (k == "\x1b[B" || k == "\x0e") {
    if (row_ + 1 < lines_.size()) ++row_;
  } else if (k == "\x1b[H" || k == "\x1b[1~" || k == "\x01") {
    col_ = 0;
  } else if (k == "\x1b[F" || k == "\x1b[4~" || k == "\x05") {
    col_ = line.size();
  } else if (k == "\x1b[5~" || k == "\x19") {
    const std::size_t page = static_cast<std::size_t>(rows_ - 6);
    row_ = row_ > page ? row_ - page : 0;
  } else if (k == "\x1b[6~" || k == "\x16") {
    row_ = std::min(lines_.size() - 1, row_ + static_cast<std::size_t>(rows_ - 6));
  } else if (printable(k) || k == "\t" || (k.size() == 1 && static_cast<unsigned char>(k[0]) >= 0x80)) {
    line.insert(col_++, 1, k[0]);
    modified_ = true;
  }
  keep_last_line_empty();
}

// ^C: "[ line  2/3 (66%), col  3/10 ( 30%), char 18/26 (69%) ]".
void Nano::location() {
  std::size_t chars = 0, at = 0;
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    if (i == row_) at = chars + col_;
    chars += lines_[i].size() + (i + 1 < lines_.size() ? 1 : 0);
  }
  const std::size_t total = lines_.size(), width = lines_[row_].size() + 1;
  char text[160];
  std::snprintf(text, sizeof text, "line %2zu/%zu (%2zu%%), col %2zu/%2zu (%3zu%%), char %2zu/%zu (%2zu%%)", row_ + 1,
                total, (row_ + 1) * 100 / total, col_ + 1, width, (col_ + 1) * 100 / width, at, chars,
                chars ? at * 100 / chars : 0);
  message(text);
}

// ---- 3. prompts and help ------------------------------------------------------------------------
void Nano::prompt(std::string_view k) {
  if (mode_ == Mode::Help) {
    if (k == "\x18" || k == "\x03" || k == "q" || k == "\x07") mode_ = Mode::Edit;
    return;
  }
  if (k == "\x03") {  // ^C
    mode_ = Mode::Edit;
    message("Cancelled");
    return;
  }
  if (mode_ == Mode::SaveChanges) {
    if (k == "y" || k == "Y") {
      mode_ = Mode::WriteName;
      answer_ = path_;
      exit_after_write_ = true;
    } else if (k == "n" || k == "N") {
      done_ = true;
    }
    return;
  }
  if (k == "\r" || k == "\n") {
    answer();
  } else if (k == "\x7f" || k == "\b") {
    if (!answer_.empty()) answer_.pop_back();
  } else if (printable(k) || (k.size() == 1 && static_cast<unsigned char>(k[0]) >= 0x80)) {
    answer_ += k;
  }
}

void Nano::answer() {
  const Mode m = mode_;
  mode_ = Mode::Edit;
  if (m == Mode::WriteName) {
    if (answer_.empty()) {
      message("Cancelled");
      return;
    }
    if (write_file(answer_) && exit_after_write_) done_ = true;
    return;
  }
  if (!answer_.empty()) last_search_ = answer_;
  if (last_search_.empty()) {
    message("Cancelled");
    return;
  }
  status_.clear();
  search();
}

// From just after the cursor to the end, then from the top ("[ Search Wrapped ]").
void Nano::search() {
  const std::size_t n = lines_.size();
  for (std::size_t step = 0; step <= n; ++step) {
    const std::size_t r = (row_ + step) % n;
    const std::size_t from = step == 0 ? col_ + 1 : 0;
    if (from > lines_[r].size()) continue;
    const auto hit = lines_[r].find(last_search_, from);
    if (hit == std::string::npos) continue;
    if (step == n && hit == col_) {
      message("This is the only occurrence");
      return;
    }
    if (row_ + step >= n) message("Search Wrapped");
    row_ = r;
    col_ = hit;
    return;
  }
  message("\"" + last_search_ + "\" not found");
}

// ---- 4. drawing --------------------------------------------------------------------------------
// Where the cursor's line starts on screen (nano's get_page_start): from its first
// column while the cursor is more than two columns from the edge, else in steps of
// the width less 8, keeping 6 columns of context on the left.
std::size_t Nano::page_start(std::size_t column, std::size_t cols) {
  if (column == 0 || column + 2 < cols) return 0;
  if (cols > 8) return column - 6 - (column - 6) % (cols - 8);
  return column - (cols - 2);
}

std::string Nano::title() const {
  const std::size_t cols = static_cast<std::size_t>(cols_);
  std::string t = "  GNU nano 7.2";
  const std::string name = path_.empty() ? "New Buffer" : path_;
  std::size_t at = name.size() < cols ? (cols - name.size() + 1) / 2 + 2 : 0;
  at = std::max(at, t.size() + 1);
  t.resize(at, ' ');
  t += name + (modified_ ? " *" : "");
  if (t.size() > cols) t.resize(cols);
  t.resize(cols, ' ');
  return kInverse + t + kPlain;
}

std::string Nano::shortcuts() const {
  struct Item {
    const char* key;
    const char* label;
  };
  auto rows = [&](const std::vector<Item>& top, const std::vector<Item>& bottom, std::size_t width) {
    std::string s;
    for (const auto* row : {&top, &bottom}) {
      std::string line;
      std::size_t shown = 0;
      for (const auto& it : *row) {
        const std::string label = std::string(" ") + it.label;
        const std::size_t len = std::string(it.key).size() + label.size();
        if (shown + len > static_cast<std::size_t>(cols_)) break;
        if (&it != &row->front()) {
          const std::size_t pad = width * static_cast<std::size_t>(&it - &row->front()) - shown;
          line.append(pad, ' ');
          shown += pad;
        }
        line += kInverse + std::string(it.key) + kPlain + label;
        shown += len;
      }
      s += line + "\x1b[K" + (row == &top ? "\r\n" : "");
    }
    return s;
  };
  switch (mode_) {
    case Mode::WriteName:
      return rows({{"^G", "Help"}, {"M-D", "DOS Format"}, {"M-A", "Append"}, {"M-B", "Backup File"}},
                  {{"^C", "Cancel"}, {"M-M", "Mac Format"}, {"M-P", "Prepend"}, {"^T", "Browse"}}, 20);
    case Mode::Search:
      return rows({{"^G", "Help"}, {"M-C", "Case Sens"}, {"M-B", "Backwards"}, {"^P", "Older"}, {"^T", "Go To Line"}},
                  {{"^C", "Cancel"}, {"M-R", "Reg.exp."}, {"^R", "Replace"}, {"^N", "Newer"}}, 16);
    case Mode::SaveChanges:
      return rows({{" Y", "Yes"}}, {{" N", "No"}, {"^C", "Cancel"}}, 16);
    case Mode::Help:
      return rows({{"^L", "Refresh"}, {"^W", "Where Is"}, {"M-Q", "Previous"}, {"^P", "Prev Line"}, {"^Y", "Prev Page"},
                   {"M-\\", "First Line"}},
                  {{"^X", "Close"}, {"^Q", "Where Was"}, {"M-W", "Next"}, {"^N", "Next Line"}, {"^V", "Next Page"},
                   {"M-/", "Last Line"}},
                  13);
    default:
      return rows({{"^G", "Help"}, {"^O", "Write Out"}, {"^W", "Where Is"}, {"^K", "Cut"}, {"^T", "Execute"},
                   {"^C", "Location"}},
                  {{"^X", "Exit"}, {"^R", "Read File"}, {"^\\", "Replace"}, {"^U", "Paste"}, {"^J", "Justify"},
                   {"^/", "Go To Line"}},
                  13);
  }
}

std::string Nano::render() const {
  const std::size_t cols = static_cast<std::size_t>(cols_);
  const std::size_t text_rows = static_cast<std::size_t>(rows_ - 4);
  std::string s = "\x1b[H\x1b[2J";
  std::size_t cursor_x = 0, cursor_y = 2;
  if (mode_ == Mode::Help) {
    // The help title centred in the bar, a blank line, then the text.
    const std::string head = "Main nano help text";
    std::string bar(head.size() < cols ? (cols - head.size() + 1) / 2 : 0, ' ');
    bar = (bar + head).substr(0, cols);
    bar.resize(cols, ' ');
    s += kInverse + bar + kPlain + "\r\n\r\n";
    std::size_t r = 1;
    for (const char* l : kHelp) {
      if (r++ >= text_rows) break;
      s += std::string(l).substr(0, cols) + "\r\n";
    }
    for (; r < text_rows; ++r) s += "\r\n";
  } else {
    s += title() + "\r\n";
    for (std::size_t r = 0; r < text_rows; ++r) {
      const std::size_t i = top_ + r;
      if (i < lines_.size()) {
        std::string shown;
        for (std::size_t c = 0; c < lines_[i].size(); ++c) {
          if (i == row_ && c == col_) cursor_x = shown.size();
          if (lines_[i][c] == '\t') shown.append(8 - shown.size() % 8, ' ');
          else shown += lines_[i][c];
        }
        std::size_t start = 0;
        if (i == row_) {
          if (col_ >= lines_[i].size()) cursor_x = shown.size();
          cursor_y = r + 2;
          start = page_start(cursor_x, cols);
          cursor_x -= start;
        }
        // A long line ends in ">" at the edge; the cursor's line scrolls sideways
        // and then begins with "<".
        std::string visible = shown.substr(std::min(start, shown.size()));
        if (start > 0 && !visible.empty()) visible[0] = '<';
        if (visible.size() > cols) {
          visible.resize(cols);
          visible[cols - 1] = '>';
        }
        s += visible;
      }
      s += "\r\n";
    }
  }
  // The status line: a prompt, or the message centred.
  std::string prompt_text;
  if (mode_ == Mode::WriteName) prompt_text = "File Name to Write: " + answer_;
  else if (mode_ == Mode::Search) prompt_text = (last_search_.empty() ? "Search: " : "Search [" + last_search_ + "]: ") + answer_;
  else if (mode_ == Mode::SaveChanges) prompt_text = "Save modified buffer? ";
  if (!prompt_text.empty()) {
    std::string row = prompt_text.substr(0, cols);
    cursor_x = row.size();
    cursor_y = static_cast<std::size_t>(rows_ - 2);
    row.resize(cols, ' ');
    s += kInverse + row + kPlain + "\r\n";
  } else if (!status_.empty() && mode_ != Mode::Help) {
    const std::string msg = ("[ " + status_ + " ]").substr(0, cols);
    s += std::string((cols - msg.size()) / 2, ' ') + kInverse + msg + kPlain + "\r\n";
  } else {
    s += "\r\n";
  }
  s += shortcuts();
  if (mode_ == Mode::Help) cursor_y = 2, cursor_x = 0;
  s += "\x1b[" + std::to_string(cursor_y) + ";" + std::to_string(std::min(cursor_x, cols - 1) + 1) + "H";
  return s;
}

}  // namespace kt::term
