// GNU nano 7.2 as the sandbox terminal shows it (`nano FILE`, EDITOR=nano kubectl
// edit): the title bar ("  GNU nano 7.2", the file name centred, " *" once
// modified), the text, the status line ("[ Read 2 lines ]", blanked after 20 keys)
// and the two shortcut lines. Keys: typing and pasting, Enter, Backspace, Delete,
// arrows, Home/End (^A/^E), PgUp/PgDn (^Y/^V); ^O writes after the
// "File Name to Write:" prompt, ^X exits (asking "Save modified buffer?" Y/N/^C
// first when there are changes), ^K cuts the line (consecutive cuts gather), ^U
// pastes them, ^W searches (wrapping, "[ "x" not found ]"), ^C shows the cursor
// position, ^G the help text. Like nano, the buffer always ends in an empty line
// (the file is written with a final newline).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/terminal/editor.h"

namespace kt::term {

class Nano : public Editor {
 public:
  Nano(FileSystem& fs, std::string path, int cols, int rows);

  void key(std::string_view k) override;
  std::string render() const override;
  void resize(int cols, int rows) override;
  bool done() const override { return done_; }

 private:
  enum class Mode { Edit, WriteName, SaveChanges, Search, Help };

  void edit(std::string_view k);
  void prompt(std::string_view k);
  void answer();  // Enter at a prompt
  bool write_file(const std::string& path);
  void search();
  void location();
  void message(std::string text);
  void keep_last_line_empty();
  void scroll();
  std::string shortcuts() const;  // the two bottom lines
  std::string title() const;
  static std::size_t page_start(std::size_t column, std::size_t cols);

  FileSystem& fs_;
  std::string path_;
  int cols_, rows_;
  TextBuffer buf_;
  std::vector<std::string>& lines_ = buf_.lines;
  std::size_t row_ = 0, col_ = 0, top_ = 0;
  Mode mode_ = Mode::Edit;
  std::string answer_;       // what is typed at a prompt
  bool exit_after_write_ = false;
  std::string status_;       // "[ Wrote 2 lines ]" (without the brackets' padding)
  int status_keys_ = 0;      // keys since the message: blanked after 20
  std::vector<std::string> cut_;
  bool last_was_cut_ = false;
  std::string last_search_;
  bool modified_ = false;
  bool done_ = false;
  bool last_was_cr_ = false;  // "\r\n" in a paste is one line break
};

}  // namespace kt::term
