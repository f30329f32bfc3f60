#include <catch2/catch.hpp>

#include "core/api/validation_names.h"

using namespace kt::api;

namespace {
const std::string kLabelMsg =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end "
    "with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const std::string kSubdomainMsg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start "
    "and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const std::string k1035Msg =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
    "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation "
    "is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const std::string kNamePartMsg =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
}  // namespace

TEST_CASE("DNS-1123 labels", "[names]") {
  for (const std::string ok : {"a", "nginx", "web-0", "123-abc", "0"}) {
    INFO(ok);
    CHECK(is_dns1123_label(ok).empty());
  }
  CHECK(is_dns1123_label(std::string(63, 'a')).empty());
  CHECK(is_dns1123_label("My-Pod") == std::vector<std::string>{kLabelMsg});
  CHECK(is_dns1123_label("-a") == std::vector<std::string>{kLabelMsg});
  CHECK(is_dns1123_label("a-") == std::vector<std::string>{kLabelMsg});
  CHECK(is_dns1123_label("a.b") == std::vector<std::string>{kLabelMsg});
  CHECK(is_dns1123_label("") == std::vector<std::string>{kLabelMsg});
  CHECK(is_dns1123_label(std::string(64, 'a')) == std::vector<std::string>{"must be no more than 63 characters"});
  CHECK(is_dns1123_label(std::string(64, 'A')) ==
        std::vector<std::string>{"must be no more than 63 characters", kLabelMsg});
}

TEST_CASE("DNS-1123 subdomains", "[names]") {
  for (auto ok : {"example.com", "nginx-deployment", "a.b.c", "kube-dns.kube-system", "1.2.3.4", "a", "0", "a--b.c-d",
                  "nginx-deployment-6b474476c4-x2z9k"}) {
    INFO(ok);
    CHECK(is_dns1123_subdomain(ok).empty());
  }
  for (auto bad : {"", "Nginx", "a..b", ".a", "a.", "a_b", "a.-b", "web/0", "-a", "a-", "a-.b", "a.b-", "a.-", "-", ".",
                   "a b", "a.B"}) {
    INFO(bad);
    CHECK(is_dns1123_subdomain(bad) == std::vector<std::string>{kSubdomainMsg});
  }
  std::string long_name = std::string(250, 'a') + ".com";
  CHECK(is_dns1123_subdomain(long_name) == std::vector<std::string>{"must be no more than 253 characters"});
}

TEST_CASE("DNS-1035 labels", "[names]") {
  CHECK(is_dns1035_label("my-service").empty());
  CHECK(is_dns1035_label("s1").empty());
  CHECK(is_dns1035_label("1st") == std::vector<std::string>{k1035Msg});
  CHECK(is_dns1035_label("no-domain.com") == std::vector<std::string>{k1035Msg});
  CHECK(is_dns1035_label("svc-") == std::vector<std::string>{k1035Msg});
}

TEST_CASE("qualified names (label keys)", "[names]") {
  for (auto ok : {"app", "App.Name_1", "example.com/tier", "kubernetes.io/hostname", "a", "app.kubernetes.io/name"}) {
    INFO(ok);
    CHECK(is_qualified_name(ok).empty());
  }
  CHECK(is_qualified_name("-app") == std::vector<std::string>{kNamePartMsg});
  CHECK(is_qualified_name("") == std::vector<std::string>{"name part must be non-empty", kNamePartMsg});
  CHECK(is_qualified_name("/app") == std::vector<std::string>{"prefix part must be non-empty"});
  CHECK(is_qualified_name("example.com/") == std::vector<std::string>{"name part must be non-empty", kNamePartMsg});
  CHECK(is_qualified_name("Example.com/app") == std::vector<std::string>{"prefix part " + kSubdomainMsg});
  CHECK(is_qualified_name(std::string(64, 'a')) == std::vector<std::string>{"name part must be no more than 63 characters"});
  CHECK(is_qualified_name("a/b/c") ==
        std::vector<std::string>{
            "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with "
            "an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
            "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. "
            "'example.com/MyName')"});
}

TEST_CASE("label values", "[names]") {
  for (auto ok : {"", "v1", "MyValue", "my_value", "12345", "a.b-c_d"}) {
    INFO(ok);
    CHECK(is_valid_label_value(ok).empty());
  }
  const std::string msg =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start "
      "and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
      "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  CHECK(is_valid_label_value("-v") == std::vector<std::string>{msg});
  CHECK(is_valid_label_value("a b") == std::vector<std::string>{msg});
  CHECK(is_valid_label_value(std::string(64, 'v')) == std::vector<std::string>{"must be no more than 63 characters"});
}

TEST_CASE("regex_error and friends", "[names]") {
  CHECK(regex_error("m", "f", {}) == "m (regex used for validation is 'f')");
  CHECK(regex_error("m", "f", {"a"}) == "m (e.g. 'a', regex used for validation is 'f')");
  CHECK(max_len_error(15) == "must be no more than 15 characters");
  CHECK(empty_error() == "must be non-empty");
}
