// vi for the sandbox terminal (see editor.h). Map:
//   1. opening, saving, undo
//   2. normal mode
//   3. insert mode
//   4. the command line and search
//   5. drawing
#include "core/terminal/editor.h"
#include "core/terminal/editor_nano.h"

#include <algorithm>

namespace kt::term {

// ---- 1. file -------------------------------------------------------------------------------
std::unique_ptr<Editor> make_editor(const std::string& program, FileSystem& fs, std::string path, int cols, int rows) {
  if (program == "nano") return std::make_unique<Nano>(fs, std::move(path), cols, rows);
  return std::make_unique<Vi>(fs, std::move(path), cols, rows);
}

Vi::Vi(FileSystem& fs, std::string path, int cols, int rows)
    : fs_(fs), path_(std::move(path)), cols_(std::max(cols, 20)), rows_(std::max(rows, 3)) {
  const TextBuffer::Loaded f = buf_.load(fs_, path_, false);
  if (f.is_dir) message_ = "\"" + path_ + "\" is a directory";
  else if (!f.exists) message_ = "\"" + path_ + "\" [New File]";
  else
    message_ = "\"" + path_ + "\" " + std::to_string(f.bytes == 0 ? 0 : lines_.size()) + "L, " + std::to_string(f.bytes) + "B";
}

bool Vi::write_file() {
  const std::string data = buf_.text();
  const bool empty = data.empty();
  const bool existed = fs_.exists(path_);
  if (auto err = fs_.write(path_, data, false); !err.empty()) {
    message_ = "\"" + path_ + "\" E212: Can't open file for writing";
    return false;
  }
  message_ = "\"" + path_ + "\" " + (existed ? "" : "[New] ") + std::to_string(empty ? 0 : lines_.size()) + "L, " +
             std::to_string(data.size()) + "B written";
  modified_ = false;
  return true;
}

void Vi::snapshot() {
  undo_.push_back({lines_, row_, col_});
  if (undo_.size() > 200) undo_.erase(undo_.begin());
}

void Vi::clamp(bool insert_mode) {
  row_ = std::min(row_, lines_.size() - 1);
  const std::size_t len = lines_[row_].size();
  const std::size_t max = insert_mode ? len : (len ? len - 1 : 0);
  col_ = std::min(col_, max);
}

void Vi::scroll() {
  const std::size_t text_rows = static_cast<std::size_t>(rows_ - 1);
  if (row_ < top_) top_ = row_;
  if (row_ >= top_ + text_rows) top_ = row_ - text_rows + 1;
}

std::size_t Vi::first_nonblank(std::size_t row) const {
  const std::string& l = lines_[row];
  std::size_t c = 0;
  while (c < l.size() && (l[c] == ' ' || l[c] == '\t')) ++c;
  return c < l.size() ? c : (l.empty() ? 0 : l.size() - 1);
}

void Vi::resize(int cols, int rows) {
  cols_ = std::max(cols, 20);
  rows_ = std::max(rows, 3);
  scroll();
}

void Vi::key(std::string_view k) {
  switch (mode_) {
    case Mode::Normal: normal(k); break;
    case Mode::Insert: insert(k); break;
    case Mode::Command:
    case Mode::Search: command_line(k); break;
  }
  clamp(mode_ == Mode::Insert);
  scroll();
}

// ---- 2. normal mode ---------------------------------------------------------------------------
void Vi::normal(std::string_view k) {
  const std::string p = pending_;
  pending_.clear();
  if (k == "\x1b") return;
  std::string& line = lines_[row_];
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  if (p == "d" && k == "d") {
    snapshot();
    yank_ = {line};
    lines_.erase(lines_.begin() + static_cast<long>(row_));
    if (lines_.empty()) lines_.push_back("");
    col_ = first_nonblank(std::min(row_, lines_.size() - 1));
    modified_ = true;
    return;
  }
  if (p == "y" && k == "y") {
    yank_ = {line};
    return;
  }
  if (p == "g" && k == "g") {
    row_ = 0;
    col_ = first_nonblank(0);
    return;
  }
  if (p == "Z" && (k == "Z" || k == "Q")) {
    if (k == "Z" && modified_ && !write_file()) return;
    done_ = true;
    return;
  }
  if (k == "d" || k == "y" || k == "g" || k == "Z") {
    pending_ = std::string(k);
    return;
  }
  if (k == "h" || k == "\x1b[D" || k == "\x7f" || k == "\b") {
    if (col_ > 0) --col_;
  } else if (k == "l" || k == "\x1b[C" || k == " ") {
    ++col_;
  } else if (k == "j" || k == "\x1b[B" || k == "\r" || k == "+") {
    if (row_ + 1 < lines_.size()) ++row_;
    if (k == "\r" || k == "+") col_ = first_nonblank(row_);
  } else if (k == "k" || k == "\x1b[A" || k == "-") {
    if (row_ > 0) --row_;
  } else if (k == "0" || k == "\x1b[H") {
    col_ = 0;
  } else if (k == "^") {
    col_ = first_nonblank(row_);
  } else if (k == "$" || k == "\x1b[F") {
    col_ = line.empty() ? 0 : line.size() - 1;
  } else if (k == "G") {
    row_ = lines_.size() - 1;
    col_ = first_nonblank(row_);
  } else if (k == "w") {
    std::size_t c = col_;
    if (c < line.size() && is_word(line[c])) {
      while (c < line.size() && is_word(line[c])) ++c;
    } else if (c < line.size()) {
      ++c;
    }
    while (c < line.size() && line[c] == ' ') ++c;
    if (c >= line.size() && row_ + 1 < lines_.size()) {
      ++row_;
      c = first_nonblank(row_);
    }
    col_ = c;
  } else if (k == "b") {
    std::size_t c = col_;
    while (c > 0 && line[c - 1] == ' ') --c;
    while (c > 0 && is_word(line[c - 1])) --c;
    col_ = c;
  } else if (k == "x" || k == "\x1b[3~") {
    if (!line.empty()) {
      snapshot();
      line.erase(col_, 1);
      modified_ = true;
    }
  } else if (k == "D") {
    snapshot();
    line.erase(col_);
    modified_ = true;
  } else if (k == "p" || k == "P") {
    if (yank_.empty()) return;
    snapshot();
    const std::size_t at = k == "p" ? row_ + 1 : row_;
    lines_.insert(lines_.begin() + static_cast<long>(at), yank_.begin(), yank_.end());
    row_ = at;
    col_ = first_nonblank(row_);
    modified_ = true;
  } else if (k == "u") {
    if (undo_.empty()) {
      message_ = "Already at oldest change";
      return;
    }
    lines_ = undo_.back().lines;
    row_ = undo_.back().row;
    col_ = undo_.back().col;
    undo_.pop_back();
    modified_ = true;
  } else if (k == "i" || k == "a" || k == "A" || k == "I" || k == "o" || k == "O" || k == "\x1b[2~") {
    snapshot();
    if (k == "a" && !line.empty()) ++col_;
    if (k == "A") col_ = line.size();
    if (k == "I") col_ = first_nonblank(row_);
    if (k == "o" || k == "O") {
      const std::size_t at = k == "o" ? row_ + 1 : row_;
      lines_.insert(lines_.begin() + static_cast<long>(at), "");
      row_ = at;
      col_ = 0;
      modified_ = true;
    }
    mode_ = Mode::Insert;
    message_ = "-- INSERT --";
    last_was_cr_ = false;
  } else if (k == ":" || k == "/") {
    mode_ = k == ":" ? Mode::Command : Mode::Search;
    cmdline_.clear();
    message_.clear();
  } else if (k == "n") {
    search(true);
  }
}

// ---- 3. insert mode -----------------------------------------------------------------------------
void Vi::insert(std::string_view k) {
  const bool cr_lf = last_was_cr_ && k == "\n";
  last_was_cr_ = k == "\r";
  if (cr_lf) return;
  std::string& line = lines_[row_];
  if (k == "\x1b") {
    mode_ = Mode::Normal;
    message_.clear();
    if (col_ > 0) --col_;
  } else if (k == "\r" || k == "\n") {
    buf_.enter(row_, col_);
    modified_ = true;
  } else if (k == "\x7f" || k == "\b") {
    if (buf_.backspace(row_, col_)) modified_ = true;
  } else if (k == "\x1b[3~") {
    if (buf_.delete_right(row_, col_)) modified_ = true;
  } else if (k == "\x1b[D") {
    if (col_ > 0) --col_;
  } else if (k == "\x1b[C") {
    ++col_;
  } else if (k == "\x1b[A") {
    if (row_ > 0) --row_;
  } else if (k == "\x1b[B") {
    if (row_ + 1 < lines_.size()) ++row_;
  } else if (k == "\x1b[H") {
    col_ = 0;
  } else if (k == "\x1b[F") {
    col_ = line.size();
  } else if (k.size() == 1 && (static_cast<unsigned char>(k[0]) >= 0x20 || k[0] == '\t')) {
    line.insert(col_++, 1, k[0]);
    modified_ = true;
  } else if (k.size() == 1 && static_cast<unsigned char>(k[0]) >= 0x80) {
    line.insert(col_++, 1, k[0]);
    modified_ = true;
  }
}

// ---- 4. command line and search -------------------------------------------------------------------
void Vi::command_line(std::string_view k) {
  if (k == "\x1b" || ((k == "\x7f" || k == "\b") && cmdline_.empty())) {
    mode_ = Mode::Normal;
    return;
  }
  if (k == "\x7f" || k == "\b") {
    cmdline_.pop_back();
    return;
  }
  if (k == "\r" || k == "\n") {
    const Mode m = mode_;
    mode_ = Mode::Normal;
    if (m == Mode::Search) {
      if (!cmdline_.empty()) last_search_ = cmdline_;
      search(true);
    } else {
      execute(cmdline_);
    }
    return;
  }
  if (k.size() == 1 && static_cast<unsigned char>(k[0]) >= 0x20) cmdline_ += k;
}

void Vi::search(bool from_next) {
  if (last_search_.empty()) {
    message_ = "E35: No previous regular expression";
    return;
  }
  const std::size_t n = lines_.size();
  for (std::size_t step = 0; step <= n; ++step) {
    const std::size_t r = (row_ + step) % n;
    const std::size_t from = step == 0 ? col_ + (from_next ? 1 : 0) : 0;
    if (step == n && from == 0) break;
    auto hit = from <= lines_[r].size() ? lines_[r].find(last_search_, from) : std::string::npos;
    if (hit != std::string::npos) {
      if (r < row_ || (r == row_ && step > 0)) message_ = "search hit BOTTOM, continuing at TOP";
      else message_ = "/" + last_search_;
      row_ = r;
      col_ = hit;
      return;
    }
  }
  message_ = "E486: Pattern not found: " + last_search_;
}

void Vi::execute(const std::string& raw) {
  std::string cmd = raw;
  while (!cmd.empty() && cmd[0] == ' ') cmd.erase(0, 1);
  while (!cmd.empty() && cmd.back() == ' ') cmd.pop_back();
  if (cmd.empty()) return;
  if (std::all_of(cmd.begin(), cmd.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) || cmd == "$") {
    row_ = cmd == "$" ? lines_.size() - 1 : std::max<std::size_t>(1, std::stoul(cmd)) - 1;
    col_ = first_nonblank(std::min(row_, lines_.size() - 1));
    return;
  }
  std::string name = cmd, arg;
  if (auto sp = cmd.find(' '); sp != std::string::npos) {
    name = cmd.substr(0, sp);
    arg = cmd.substr(cmd.find_first_not_of(' ', sp));
  }
  const bool bang = !name.empty() && name.back() == '!';
  if (bang) name.pop_back();
  if (name == "w" || name == "wq" || name == "x" || name == "write") {
    if (!arg.empty()) path_ = arg;
    if ((name != "x" || modified_ || !fs_.exists(path_)) && !write_file()) return;
    if (name != "w" && name != "write") done_ = true;
  } else if (name == "q" || name == "quit") {
    if (modified_ && !bang) {
      message_ = "E37: No write since last change (add ! to override)";
      return;
    }
    done_ = true;
  } else if (name == "set" || name == "syntax") {
    // Display options have no effect on this screen.
  } else {
    message_ = "E492: Not an editor command: " + cmd;
  }
}

// ---- 5. drawing ------------------------------------------------------------------------------------
std::string Vi::render() const {
  std::string s = "\x1b[H\x1b[2J";
  const std::size_t text_rows = static_cast<std::size_t>(rows_ - 1);
  std::size_t cursor_x = 0;
  for (std::size_t r = 0; r < text_rows; ++r) {
    const std::size_t i = top_ + r;
    if (i >= lines_.size()) {
      s += "~";
    } else {
      // Tabs to the next multiple of 8; cut at the screen's right edge.
      std::string shown;
      for (std::size_t c = 0; c < lines_[i].size(); ++c) {
        if (i == row_ && c == col_) cursor_x = shown.size();
        if (lines_[i][c] == '\t') shown.append(8 - shown.size() % 8, ' ');
        else shown += lines_[i][c];
      }
      if (i == row_ && col_ >= lines_[i].size()) cursor_x = shown.size();
      s += shown.substr(0, static_cast<std::size_t>(cols_));
    }
    s += "\r\n";
  }
  std::string bottom;
  if (mode_ == Mode::Command) bottom = ":" + cmdline_;
  else if (mode_ == Mode::Search) bottom = "/" + cmdline_;
  else bottom = message_;
  s += bottom.substr(0, static_cast<std::size_t>(cols_));
  std::size_t y = row_ - top_ + 1, x = std::min(cursor_x, static_cast<std::size_t>(cols_ - 1)) + 1;
  if (mode_ == Mode::Command || mode_ == Mode::Search) {
    y = static_cast<std::size_t>(rows_);
    x = bottom.size() + 1;
  }
  s += "\x1b[" + std::to_string(y) + ";" + std::to_string(x) + "H";
  return s;
}

}  // namespace kt::term
