#include <catch2/catch.hpp>

#include <stdexcept>

#include "core/api/labels.h"
#include "core/api/validation_names.h"

using namespace kt;
using namespace kt::api;

namespace {
std::string parse_error(std::string_view s) {
  try {
    LabelSelector::parse(s);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "<no error>";
}
std::string roundtrip(std::string_view s) { return LabelSelector::parse(s).to_string(); }
const std::string kNamePartMsg =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const std::string kValueMsg =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start "
    "and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
    "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
}  // namespace

TEST_CASE("label selectors parse and print canonically", "[labels]") {
  // The good strings of apimachinery's selector_test.go print back without spaces.
  for (std::string s : {"x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"}) {
    std::string want = s;
    want.erase(std::remove(want.begin(), want.end(), ' '), want.end());
    INFO(s);
    CHECK(roundtrip(s) == want);
  }
  CHECK(roundtrip("x=a,a=x") == "a=x,x=a");  // sorted by key
  CHECK(roundtrip("tier=db, app in (b,a)") == "app in (a,b),tier=db");
  CHECK(roundtrip("env notin (prod, staging , dev)") == "env notin (dev,prod,staging)");
  CHECK(roundtrip("x in (a,a,b)") == "x in (a,b)");
  CHECK(roundtrip("x==a") == "x==a");
  CHECK(roundtrip("gpu") == "gpu");
  CHECK(roundtrip("x in ()") == "x in ()");
  CHECK(roundtrip("x in (,a)") == "x in (,a)");
  CHECK(roundtrip("in in (in,notin)") == "in in (in,notin)");  // keywords are values in value position
  CHECK(roundtrip("app.kubernetes.io/name=web") == "app.kubernetes.io/name=web");
  CHECK(roundtrip("\tapp = web\n") == "app=web");
  CHECK(roundtrip("x in(a)") == "x in (a)");
  CHECK(roundtrip("!a,b") == "!a,b");
}

TEST_CASE("label selectors match", "[labels]") {
  Json labels = {{"app", "web"}, {"tier", "frontend"}, {"rank", "3"}};
  auto m = [&](std::string_view s) { return LabelSelector::parse(s).matches(labels); };
  CHECK(m(""));
  CHECK(m("app=web"));
  CHECK(m("app==web"));
  CHECK_FALSE(m("app=db"));
  CHECK(m("app!=db"));
  CHECK(m("missing!=x"));  // != and notin match when the key is absent
  CHECK(m("missing notin (x)"));
  CHECK_FALSE(m("missing in (x)"));
  CHECK(m("app in (db,web)"));
  CHECK_FALSE(m("app notin (db,web)"));
  CHECK(m("app"));
  CHECK_FALSE(m("!app"));
  CHECK(m("!gpu"));
  CHECK_FALSE(m("gpu"));
  CHECK(m("rank>2"));
  CHECK_FALSE(m("rank>3"));
  CHECK(m("rank<4"));
  CHECK_FALSE(m("tier>1"));  // not an integer: no match
  CHECK_FALSE(m("missing<5"));
  CHECK(m("app=web,tier in (frontend)"));
  CHECK_FALSE(m("app=web,tier=backend"));
  CHECK(LabelSelector::parse("x=").matches(Json{{"x", ""}}));
  CHECK_FALSE(LabelSelector::parse("x=").matches(Json::object()));
  CHECK(LabelSelector::parse("!x").matches(nullptr));
  CHECK_FALSE(LabelSelector::parse("x").matches(nullptr));
}

TEST_CASE("label selector parse errors carry the real messages", "[labels]") {
  // "a||y" lexes as one identifier, an invalid value.
  CHECK(parse_error("x=a||y=b") == "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + kValueMsg);
  CHECK(parse_error("x=a y") == "found 'y', expected: ',' or 'end of string'");
  CHECK(parse_error("x==a==b") == "found '==', expected: ',' or 'end of string'");
  CHECK(parse_error("!x=a") == "found '=', expected: ',' or 'end of string'");
  CHECK(parse_error(",x") == "found ',', expected: !, identifier, or 'end of string'");
  CHECK(parse_error("x,") == "found '', expected: identifier after ','");
  CHECK(parse_error("x y") == "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt");
  CHECK(parse_error("x in a") == "unable to parse requirement: found 'a' expected: '('");
  CHECK(parse_error("x in (a") == "unable to parse requirement: found '', expected: ',' or ')'");
  CHECK(parse_error("x in (a b)") == "unable to parse requirement: found 'b', expected: ',' or ')'");
  CHECK(parse_error("x in (=)") == "unable to parse requirement: found '=', expected: ',', ')' or identifier");
  CHECK(parse_error("x in (a,=)") == "unable to parse requirement: found '=', expected: ',', or identifier");
  CHECK(parse_error("x=(a)") == "unable to parse requirement: found '(', expected: identifier");
  CHECK(parse_error("!") == "unable to parse requirement: found '', expected: identifier");
  CHECK(parse_error("x<a") ==
        "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an "
        "integer");
  CHECK(parse_error("x>") ==
        "unable to parse requirement: values[0]: Invalid value: \"\": for 'Gt', 'Lt' operators, the value must be an "
        "integer");
  // Keys are checked by the parser with a nil field path, which Go prints as <nil>.
  CHECK(parse_error("-x=a") == "unable to parse requirement: <nil>: Invalid value: \"-x\": " + kNamePartMsg);
  CHECK(parse_error(std::string(64, 'k') + "=v") == "unable to parse requirement: <nil>: Invalid value: \"" +
                                                        std::string(64, 'k') +
                                                        "\": name part must be no more than 63 characters");
  // Values by NewRequirement: values[i][key].
  CHECK(parse_error("x=-a") == "unable to parse requirement: values[0][x]: Invalid value: \"-a\": " + kValueMsg);
  CHECK(parse_error("x in (-a,-b)") == "unable to parse requirement: [values[0][x]: Invalid value: \"-a\": " +
                                           kValueMsg + ", values[1][x]: Invalid value: \"-b\": " + kValueMsg + "]");
  CHECK(parse_error("x=" + std::string(64, 'v')) == "unable to parse requirement: values[0][x]: Invalid value: \"" +
                                                        std::string(64, 'v') +
                                                        "\": must be no more than 63 characters");
}

TEST_CASE("metav1.LabelSelector conversion and formatting", "[labels]") {
  CHECK(LabelSelector::from_json(nullptr).matches_nothing());
  CHECK_FALSE(LabelSelector::from_json(nullptr).matches(Json{{"a", "b"}}));
  CHECK_FALSE(LabelSelector::from_json(nullptr).empty());
  CHECK(LabelSelector::from_json(Json::object()).empty());
  CHECK(LabelSelector::from_json(Json::object()).matches(Json{{"a", "b"}}));

  Json sel = Json::parse(R"({"matchLabels": {"tier": "frontend", "app": "guestbook"},
    "matchExpressions": [{"key": "env", "operator": "In", "values": ["qa", "dev"]},
                         {"key": "gpu", "operator": "DoesNotExist"}]})");
  auto s = LabelSelector::from_json(sel);
  CHECK(s.to_string() == "app=guestbook,env in (dev,qa),!gpu,tier=frontend");
  CHECK(s.matches(Json{{"app", "guestbook"}, {"tier", "frontend"}, {"env", "qa"}}));
  CHECK_FALSE(s.matches(Json{{"app", "guestbook"}, {"tier", "frontend"}, {"env", "qa"}, {"gpu", "1"}}));
  CHECK(s.requires_exact_match("app") == std::optional<std::string>("guestbook"));
  CHECK_FALSE(s.requires_exact_match("env").has_value());

  CHECK(format_label_selector(Json::parse(R"({"matchLabels": {"app": "nginx"}})")) == "app=nginx");
  CHECK(format_label_selector(Json::object()) == "<none>");
  CHECK(format_label_selector(nullptr) == "<none>");

  auto err = [](const char* j) {
    try {
      LabelSelector::from_json(Json::parse(j));
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("<no error>");
  };
  CHECK(err(R"({"matchExpressions": [{"key": "a", "operator": "Foo"}]})") == "\"Foo\" is not a valid label selector operator");
  CHECK(err(R"({"matchExpressions": [{"key": "a", "operator": "In"}]})") ==
        "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty");
  CHECK(err(R"({"matchExpressions": [{"key": "a", "operator": "Exists", "values": ["x"]}]})") ==
        "values: Invalid value: []string{\"x\"}: values set must be empty for exists and does not exist");
  CHECK(err(R"({"matchLabels": {"-a": "x"}})") == "key: Invalid value: \"-a\": " + kNamePartMsg);
  CHECK(format_label_selector(Json::parse(R"({"matchExpressions": [{"key": "a", "operator": "Foo"}]})")) == "<error>");

  CHECK(LabelSelector::from_set(Json{{"b", "2"}, {"a", "1"}}).to_string() == "a=1,b=2");
  CHECK(LabelSelector::from_set(nullptr).empty());
  CHECK(format_labels(Json{{"b", "2"}, {"a", "1"}}) == "a=1,b=2");
  CHECK(format_labels(Json::object()) == "<none>");
  CHECK(LabelSelector::parse("a=1").add({LabelRequirement{"0", LabelOp::Exists, {}}}).to_string() == "0,a=1");
}

TEST_CASE("label and selector validation", "[labels]") {
  auto texts = [](const FieldErrors& errs) {
    std::vector<std::string> out;
    for (const auto& e : errs) out.push_back(e.to_string());
    return out;
  };
  CHECK(validate_labels(Json{{"app", "web"}, {"example.com/tier", ""}}, "metadata.labels").empty());
  CHECK(texts(validate_labels(Json{{"-bad", "ok"}, {"good", "not ok"}}, "metadata.labels")) ==
        std::vector<std::string>{"metadata.labels: Invalid value: \"-bad\": " + kNamePartMsg,
                                 "metadata.labels: Invalid value: \"not ok\": " + kValueMsg});
  CHECK(validate_label_selector(nullptr, "spec.selector").empty());
  Json sel = Json::parse(R"({"matchLabels": {"app": "-x"},
    "matchExpressions": [{"key": "a", "operator": "In"},
                         {"key": "b", "operator": "Exists", "values": ["v"]},
                         {"key": "c", "operator": "Gt", "values": ["1"]},
                         {"key": "-d", "operator": "NotIn", "values": ["ok", "bad value"]}]})");
  CHECK(texts(validate_label_selector(sel, "spec.selector")) ==
        std::vector<std::string>{
            "spec.selector.matchLabels: Invalid value: \"-x\": " + kValueMsg,
            "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or "
            "'NotIn'",
            "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' "
            "or 'DoesNotExist'",
            "spec.selector.matchExpressions[2].operator: Invalid value: \"Gt\": not a valid selector operator",
            "spec.selector.matchExpressions[3].key: Invalid value: \"-d\": " + kNamePartMsg,
            "spec.selector.matchExpressions[3].values[1]: Invalid value: \"bad value\": " + kValueMsg,
        });
  CHECK(texts(validate_label_name("a/b/c", "key")).size() == 1);
  // Labels that the plain test lets through and those it leaves to the full checks
  // come out the same: valid ones without errors, the others with their messages.
  CHECK(validate_labels(Json{{"a", ""}, {"A.b_c-9", "Z"}, {std::string(63, 'k'), std::string(63, 'v')}},
                        "metadata.labels")
            .empty());
  CHECK(texts(validate_labels(Json{{"k", std::string(64, 'v')}}, "metadata.labels")) ==
        std::vector<std::string>{"metadata.labels: Invalid value: \"" + std::string(64, 'v') +
                                 "\": must be no more than 63 characters"});
  CHECK(texts(validate_labels(Json{{"k", "a/b"}, {"n", 5}}, "metadata.labels")) ==
        std::vector<std::string>{"metadata.labels: Invalid value: \"a/b\": " + kValueMsg});
}

TEST_CASE("a plain name part is what the full name and label-value checks accept without a prefix", "[labels]") {
  for (const std::string& s : std::vector<std::string>{"", "a", "Z", "9", "a-b", "a_b", "a.b", "-a", "a-", "_a", "a_", ".a", "a b", "a/b", "/",
                              "\xc3\xa9", std::string(63, 'x'), std::string(64, 'x'), "a\tb"}) {
    INFO(s);
    const bool by_name = is_qualified_name(s).empty() && s.find('/') == std::string::npos;
    CHECK(is_plain_name_part(s) == by_name);
    if (!s.empty()) CHECK(is_plain_name_part(s) == is_valid_label_value(s).empty());
  }
}
