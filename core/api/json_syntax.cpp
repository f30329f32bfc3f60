// A byte-at-a-time JSON scanner with the states and messages of Go's
// encoding/json/scanner.go: the first byte that cannot continue the value names
// the state it broke ("looking for beginning of value", "after object key",
// "after object key:value pair", "after array element", "in string literal",
// "in numeric literal", "in literal true (expecting 'r')", ...).
#include "core/api/json_syntax.h"

#include <vector>

namespace kt::api {
namespace {

// Go's quoteChar: the byte as a rune, in strconv.Quote's form between single quotes.
std::string quote_char(unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  if (c == '\'') return "'\\''";
  if (c == '"') return "'\"'";
  std::string s;
  switch (c) {
    case '\a': s = "\\a"; break;
    case '\b': s = "\\b"; break;
    case '\f': s = "\\f"; break;
    case '\n': s = "\\n"; break;
    case '\r': s = "\\r"; break;
    case '\t': s = "\\t"; break;
    case '\v': s = "\\v"; break;
    case '\\': s = "\\\\"; break;
    default:
      if (c < 0x20 || c == 0x7f) {
        s = std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
      } else if (c < 0x80) {
        s = std::string(1, static_cast<char>(c));
      } else if (c <= 0xa0 || c == 0xad) {  // not printable as runes U+0080..U+00A0, U+00AD
        s = std::string("\\u00") + kHex[c >> 4] + kHex[c & 15];
      } else {  // U+00A1..U+00FF in UTF-8
        s = std::string(1, static_cast<char>(0xc0 | (c >> 6))) + static_cast<char>(0x80 | (c & 0x3f));
      }
  }
  return "'" + s + "'";
}

enum class Ctx { ObjKey, ObjValue, Array };
enum class St {
  BeginValue, BeginValueOrEmpty, BeginStringOrEmpty, BeginString, EndValue, InString, InStringEsc, InStringU,
  Neg, Zero, Num1, Dot, Dot0, E, ESign, E0, Literal, Done
};

}  // namespace

std::string go_json_syntax_error(std::string_view text, std::size_t start) {
  std::vector<Ctx> stack;
  St st = St::BeginValue;
  std::string literal_rest, literal_name;  // the letters still expected, the literal's name
  int hex_left = 0;
  auto err = [](std::size_t i, unsigned char c, const std::string& where) {
    return "json: offset " + std::to_string(i + 1) + ": invalid character " + quote_char(c) + " " + where;
  };
  auto space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  auto digit = [](unsigned char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = start; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    bool again = true;
    while (again) {
      again = false;
      switch (st) {
        case St::BeginValueOrEmpty:
          if (space(c)) break;
          if (c == ']') {
            stack.pop_back();
            st = stack.empty() ? St::Done : St::EndValue;
            break;
          }
          [[fallthrough]];
        case St::BeginValue:
          if (space(c)) break;
          if (c == '{') {
            stack.push_back(Ctx::ObjKey);
            st = St::BeginStringOrEmpty;
          } else if (c == '[') {
            stack.push_back(Ctx::Array);
            st = St::BeginValueOrEmpty;
          } else if (c == '"') {
            st = St::InString;
          } else if (c == '-') {
            st = St::Neg;
          } else if (c == '0') {
            st = St::Zero;
          } else if (c >= '1' && c <= '9') {
            st = St::Num1;
          } else if (c == 't' || c == 'f' || c == 'n') {
            literal_name = c == 't' ? "true" : c == 'f' ? "false" : "null";
            literal_rest = literal_name.substr(1);
            st = St::Literal;
          } else {
            return err(i, c, "looking for beginning of value");
          }
          break;
        case St::BeginStringOrEmpty:
          if (space(c)) break;
          if (c == '}') {
            stack.pop_back();
            st = stack.empty() ? St::Done : St::EndValue;
            break;
          }
          [[fallthrough]];
        case St::BeginString:
          if (space(c)) break;
          if (c != '"') return err(i, c, "looking for beginning of object key string");
          st = St::InString;
          break;
        case St::EndValue: {
          if (space(c)) break;
          Ctx& top = stack.back();
          if (top == Ctx::ObjKey) {
            if (c != ':') return err(i, c, "after object key");
            top = Ctx::ObjValue;
            st = St::BeginValue;
          } else if (top == Ctx::ObjValue) {
            if (c == ',') {
              top = Ctx::ObjKey;
              st = St::BeginString;
            } else if (c == '}') {
              stack.pop_back();
              st = stack.empty() ? St::Done : St::EndValue;
            } else {
              return err(i, c, "after object key:value pair");
            }
          } else {
            if (c == ',') {
              st = St::BeginValue;
            } else if (c == ']') {
              stack.pop_back();
              st = stack.empty() ? St::Done : St::EndValue;
            } else {
              return err(i, c, "after array element");
            }
          }
          break;
        }
        case St::InString:
          if (c == '"') st = stack.empty() ? St::Done : St::EndValue;
          else if (c == '\\') st = St::InStringEsc;
          else if (c < 0x20) return err(i, c, "in string literal");
          break;
        case St::InStringEsc:
          if (c == 'u') {
            hex_left = 4;
            st = St::InStringU;
          } else if (c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't' || c == '\\' || c == '/' || c == '"') {
            st = St::InString;
          } else {
            return err(i, c, "in string escape code");
          }
          break;
        case St::InStringU:
          if (!digit(c) && !((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
            return err(i, c, "in \\u hexadecimal character escape");
          if (--hex_left == 0) st = St::InString;
          break;
        case St::Neg:
          if (c == '0') st = St::Zero;
          else if (c >= '1' && c <= '9') st = St::Num1;
          else return err(i, c, "in numeric literal");
          break;
        case St::Num1:
          if (digit(c)) break;
          [[fallthrough]];
        case St::Zero:
          if (c == '.') st = St::Dot;
          else if (c == 'e' || c == 'E') st = St::E;
          else {
            st = stack.empty() ? St::Done : St::EndValue;
            again = st != St::Done;
          }
          break;
        case St::Dot:
          if (!digit(c)) return err(i, c, "after decimal point in numeric literal");
          st = St::Dot0;
          break;
        case St::Dot0:
          if (digit(c)) break;
          if (c == 'e' || c == 'E') {
            st = St::E;
            break;
          }
          st = stack.empty() ? St::Done : St::EndValue;
          again = st != St::Done;
          break;
        case St::E:
          if (c == '+' || c == '-') {
            st = St::ESign;
            break;
          }
          [[fallthrough]];
        case St::ESign:
          if (!digit(c)) return err(i, c, "in exponent of numeric literal");
          st = St::E0;
          break;
        case St::E0:
          if (digit(c)) break;
          st = stack.empty() ? St::Done : St::EndValue;
          again = st != St::Done;
          break;
        case St::Literal:
          if (c != static_cast<unsigned char>(literal_rest[0]))
            return err(i, c, "in literal " + literal_name + " (expecting " + quote_char(literal_rest[0]) + ")");
          literal_rest.erase(0, 1);
          if (literal_rest.empty()) st = stack.empty() ? St::Done : St::EndValue;
          break;
        case St::Done:
          return "";
      }
    }
    if (st == St::Done) return "";
  }
  return st == St::Done ? "" : "unexpected EOF";
}

}  // namespace kt::api
