Feature: Filtering (RFC 7644 §3.4.2.2; RFC 7643 §2.1, §3.1)

  Filtering is optional (MUST† rows skip when /ServiceProviderConfig says filter.supported = false).
  Every query is scoped to the scenario's own users with `{{scope.users}}` (`userName eq … or userName eq …`, never
  an operator a server may decline) or a unique value, because the target holds other data; the tables give userName,
  externalId and emails the scenario's prefix. A server may decline a comparison operator other than eq with
  400 invalidFilter (RFC 7644 Table 9): its scenarios are then skipped with that reason.

  Rule: a server that supports filtering applies each filter exactly

    Background:
      Given the server supports filter

    # ---------- matching and case (P-FILTER-01..05) ----------

    @P-FILTER-01 @must @okta @entra @ping
    Scenario: eq on userName returns only the matching user
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
      When I list Users with filter 'userName eq "{{u1.userName}}"'
      Then the response status is 200
      And the list holds exactly "u1"

    @P-FILTER-01 @must @okta @entra @ping
    Scenario: a filter that matches several users returns all of them and nothing else
      Given these users exist:
        | fixture | userName | title    |
        | u1      | bjensen  | Engineer |
        | u2      | jsmith   |          |
        | u3      | tkelly   | Engineer |
      When I list Users with filter '{{scope.users}} and title eq "Engineer"'
      Then the response status is 200
      And the list holds exactly "u1, u3"

    @P-FILTER-02 @must @ping
    Scenario Outline: attribute names in a filter are case-insensitive (<attribute>)
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
      When I list Users with filter '<attribute> eq "{{u1.userName}}"'
      Then the response status is 200
      And the list holds exactly "u1"

      Examples:
        | attribute |
        | USERNAME  |
        | username  |

    @P-FILTER-02 @must @ping
    Scenario: sub-attribute names in a filter are case-insensitive
      Given these users exist:
        | fixture | userName | name.familyName |
        | u1      | bjensen  | Jensen          |
        | u2      | jsmith   | Smith           |
      When I list Users with filter '{{scope.users}} and NAME.FAMILYNAME eq "Jensen"'
      Then the response status is 200
      And the list holds exactly "u1"

    @P-FILTER-03 @must @ping
    Scenario Outline: comparison operators are case-insensitive (<operator>)
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
      When I list Users with filter 'userName <operator> "{{u1.userName}}"'
      Then the response status is 200
      And the list holds exactly "u1"

      Examples:
        | operator |
        | EQ       |
        | Eq       |

    @P-FILTER-03 @must @ping
    Scenario: logical operators are case-insensitive
      Given these users exist:
        | fixture | userName | active |
        | u1      | bjensen  | true   |
        | u2      | jsmith   | false  |
      When I list Users with filter '{{scope.users}} AND active Eq true'
      Then the response status is 200
      And the list holds exactly "u1"

    @P-FILTER-04 @must
    Scenario: userName (caseExact false) matches whatever the case of the literal
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
      When I list Users with filter 'userName eq "{{u1.userName|upper}}"'
      Then the response status is 200
      And the list holds exactly "u1"

    @P-FILTER-05 @must @entra
    Scenario: externalId (caseExact true) matches the exact value
      Given these users exist:
        | fixture | userName | externalId |
        | u1      | bjensen  | AbC-9      |
        | u2      | jsmith   | AbC-8      |
      When I list Users with filter 'externalId eq "{{u1.externalId}}"'
      Then the response status is 200
      And the list holds exactly "u1"

    @P-FILTER-05 @must @entra
    Scenario: externalId (caseExact true) does not match another case
      Given these users exist:
        | fixture | userName | externalId |
        | u1      | bjensen  | AbC-9      |
      When I list Users with filter 'externalId eq "{{u1.externalId|lower}}"'
      Then the response status is 200
      And the list is empty

    # ---------- attribute operators (P-FILTER-06..13) ----------

    @P-FILTER-06 @must
    Scenario: ne returns the users whose value differs
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
        | u3      | tkelly   |
      When I list Users with filter '{{scope.users}} and userName ne "{{u1.userName}}"'
      Then the response status is 200, or the server declines the operator with invalidFilter
      And the list holds exactly "u2, u3"

    @P-FILTER-07 @must
    Scenario: co matches a substring anywhere in the value
      Given these users exist:
        | fixture | userName | name.familyName |
        | u1      | bjensen  | Jensen          |
        | u2      | jsmith   | Smith           |
        | u3      | lorensen | Lorensen        |
        | u4      | aens     | Ensor           |
      When I list Users with filter '{{scope.users}} and name.familyName co "ens"'
      Then the response status is 200, or the server declines the operator with invalidFilter
      And the list holds exactly "u1, u3, u4"

    @P-FILTER-08 @must
    Scenario: sw matches a prefix, not a substring elsewhere
      Given these users exist:
        | fixture | userName | name.familyName |
        | u1      | bjensen  | Jensen          |
        | u2      | jsmith   | Smith           |
        | u3      | abjensen | Abjensen        |
      When I list Users with filter '{{scope.users}} and name.familyName sw "jen"'
      Then the response status is 200, or the server declines the operator with invalidFilter
      And the list holds exactly "u1"

    @P-FILTER-08 @must
    Scenario: sw matches the identical string
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
      When I list Users with filter 'userName sw "{{u1.userName}}"'
      Then the response status is 200, or the server declines the operator with invalidFilter
      And the list holds exactly "u1"

    @P-FILTER-09 @must
    Scenario: ew matches a suffix
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
        | u3      | nsenx    |
      When I list Users with filter '{{scope.users}} and userName ew "nsen"'
      Then the response status is 200, or the server declines the operator with invalidFilter
      And the list holds exactly "u1"

    @P-FILTER-09 @must
    Scenario: ew matches the identical string
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
      When I list Users with filter 'userName ew "{{u1.userName}}"'
      Then the response status is 200, or the server declines the operator with invalidFilter
      And the list holds exactly "u1"

    @P-FILTER-10 @must
    Scenario: pr matches only users with a value
      Given these users exist:
        | fixture | userName | title |
        | u1      | bjensen  | Boss  |
        | u2      | jsmith   |       |
      When I list Users with filter '{{scope.users}} and title pr'
      Then the response status is 200, or the server declines the operator with invalidFilter
      And the list holds exactly "u1"

    @P-FILTER-10 @must
    Scenario: pr on a multi-valued complex attribute matches users with at least one value
      Given these users exist:
        | fixture | userName | emails                      |
        | u1      | bjensen  | work:a@x.com*, home:b@y.com |
        | u2      | jsmith   | work:c@x.com                |
        | u3      | tkelly   |                             |
      When I list Users with filter '{{scope.users}} and emails pr'
      Then the response status is 200, or the server declines the operator with invalidFilter
      And the list holds exactly "u1, u2"

    @P-FILTER-11 @must
    Scenario: gt on a DateTime excludes the instant itself and earlier resources
      Given these users exist:
        | fixture | userName |
        | u1      | alpha    |
        | u2      | bravo    |
        | u3      | charlie  |
      When I list Users with filter '{{scope.users}} and meta.lastModified gt "{{u2.meta.lastModified}}"'
      Then the response status is 200, or the server declines the operator with invalidFilter
      And the list does not hold "u2"
      And the list does not hold "u1"

    @P-FILTER-11 @must
    Scenario: ge on a DateTime includes the instant itself
      Given these users exist:
        | fixture | userName |
        | u1      | alpha    |
        | u2      | bravo    |
        | u3      | charlie  |
      When I list Users with filter '{{scope.users}} and meta.lastModified ge "{{u2.meta.lastModified}}"'
      Then the response status is 200, or the server declines the operator with invalidFilter
      And the list holds "u2"
      And the list holds "u3"

    @P-FILTER-11 @must
    Scenario: lt on a DateTime excludes the instant itself and later resources
      Given these users exist:
        | fixture | userName |
        | u1      | alpha    |
        | u2      | bravo    |
        | u3      | charlie  |
      When I list Users with filter '{{scope.users}} and meta.lastModified lt "{{u2.meta.lastModified}}"'
      Then the response status is 200, or the server declines the operator with invalidFilter
      And the list does not hold "u2"
      And the list does not hold "u3"

    @P-FILTER-11 @must
    Scenario: le on a DateTime includes the instant itself
      Given these users exist:
        | fixture | userName |
        | u1      | alpha    |
        | u2      | bravo    |
        | u3      | charlie  |
      When I list Users with filter '{{scope.users}} and meta.lastModified le "{{u2.meta.lastModified}}"'
      Then the response status is 200, or the server declines the operator with invalidFilter
      And the list holds "u2"
      And the list holds "u1"

    # "Nwhite" is after "m" only when the caseExact-false userName is compared without regard to case.
    @P-FILTER-12 @must
    Scenario Outline: <operator> on a caseExact-false string compares lexicographically, ignoring case
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
        | u3      | Nwhite   |
        | u4      | tkelly   |
      When I list Users with filter '{{scope.users}} and userName <operator> "{{scope.prefix}}<literal>"'
      Then the response status is 200, or the server declines the operator with invalidFilter
      And the list holds exactly "<found>"

      Examples:
        | operator | literal | found      |
        | gt       | m       | u3, u4     |
        | lt       | m       | u1, u2     |
        | ge       | jsmith  | u2, u3, u4 |
        | le       | JSMITH  | u1, u2     |

    @P-FILTER-13 @must
    Scenario: an ordering operator on a Boolean is an invalidFilter error
      When I list Users with filter 'active gt true'
      Then the response is a SCIM error with status 400 and scimType "invalidFilter" as RFC 7644 §3.4.2.2 requires

    # Table 3 (gt, ge, lt, le): "Boolean and Binary attributes SHALL cause a failed response (HTTP status code 400)
    # with "scimType" of "invalidFilter"". Binary only where the target publishes the attribute as binary.
    @P-FILTER-13 @must
    Scenario: an ordering operator on a Binary attribute is an invalidFilter error
      Given the server publishes the "x509Certificates.value" attribute of User as binary
      When I list Users with filter 'x509Certificates.value gt "TUlJQg=="'
      Then the response is a SCIM error with status 400 and scimType "invalidFilter" as RFC 7644 §3.4.2.2 requires

    # ---------- logical operators and grouping (P-FILTER-14..18) ----------

    @P-FILTER-14 @must @entra
    Scenario: and requires both sides to be true
      Given these users exist:
        | fixture | userName | active |
        | u1      | bjensen  | true   |
        | u2      | jsmith   | false  |
        | u3      | tkelly   | true   |
      When I list Users with filter '{{scope.users}} and active eq true'
      Then the response status is 200
      And the list holds exactly "u1, u3"

    @P-FILTER-15 @must
    Scenario: or requires either side to be true
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
        | u3      | tkelly   |
      When I list Users with filter 'userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}"'
      Then the response status is 200
      And the list holds exactly "u1, u2"

    @P-FILTER-16 @must
    Scenario: not ( ... ) negates its filter
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
        | u3      | tkelly   |
      When I list Users with filter '{{scope.users}} and not (userName eq "{{u1.userName}}")'
      Then the response status is 200
      And the list holds exactly "u2, u3"

    # Evaluated left to right (or with or first), both filters would find nobody; with and before or, u1.
    @P-FILTER-17 @must
    Scenario Outline: and binds tighter than or (<case>)
      Given these users exist:
        | fixture | userName | active |
        | u1      | bjensen  | true   |
        | u2      | jsmith   | true   |
      When I list Users with filter '<filter>'
      Then the response status is 200
      And the list holds exactly "u1"

      Examples:
        | case          | filter                                                                                       |
        | or first      | userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}" and active eq false           |
        | and first     | userName eq "{{u2.userName}}" and active eq false or userName eq "{{u1.userName}}"           |

    @P-FILTER-18 @must
    Scenario: parentheses override the precedence of and over or
      Given these users exist:
        | fixture | userName | active |
        | u1      | bjensen  | false  |
        | u2      | jsmith   | true   |
      When I list Users with filter '(userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}") and active eq true'
      Then the response status is 200
      And the list holds exactly "u2"

    # ---------- complex and multi-valued attributes (P-FILTER-19..23) ----------

    @P-FILTER-19 @may
    Scenario: a complex value filter applies all its conditions to the same value
      Given these users exist:
        | fixture | userName | emails                      |
        | u1      | bjensen  | work:a@x.com*, home:b@y.com |
      When I list Users with filter '{{scope.users}} and emails[type eq "work" and value co "y.com"]'
      Then the optional filter finds exactly "nothing"

    @P-FILTER-19 @may
    Scenario: a complex value filter finds the user whose one value meets every condition
      Given these users exist:
        | fixture | userName | emails                      |
        | u1      | bjensen  | work:a@x.com*, home:b@y.com |
        | u2      | jsmith   | home:c@x.com*               |
      When I list Users with filter '{{scope.users}} and emails[type eq "work" and value co "x.com"]'
      Then the optional filter finds exactly "u1"

    @P-FILTER-20 @must
    Scenario: a multi-valued attribute matches when any one of its values matches
      Given these users exist:
        | fixture | userName | emails                      |
        | u1      | bjensen  | work:a@x.com*, home:b@y.com |
        | u2      | jsmith   | work:c@x.com*               |
      When I list Users with filter 'emails.value eq "{{scope.prefix}}b@y.com"'
      Then the response status is 200
      And the list holds exactly "u1"

    @P-FILTER-21 @must
    Scenario: a sub-attribute of a complex attribute is addressed with a dot
      Given these users exist:
        | fixture | userName | name.familyName |
        | u1      | bjensen  | Jensen          |
        | u2      | jsmith   | Smith           |
        | u3      | ljensen  | Jensenius       |
      When I list Users with filter '{{scope.users}} and name.familyName eq "Jensen"'
      Then the response status is 200
      And the list holds exactly "u1"

    @P-FILTER-22 @must
    Scenario: a URN-qualified core attribute works in a filter
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
      When I list Users with filter 'urn:ietf:params:scim:schemas:core:2.0:User:userName eq "{{u1.userName}}"'
      Then the response status is 200
      And the list holds exactly "u1"

    @P-FILTER-22 @must
    Scenario: a URN-qualified extension attribute works in a filter
      Given the server supports the enterprise extension
      And these users exist:
        | fixture | userName | urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber |
        | u1      | bjensen  | 42                                                                        |
        | u2      | jsmith   | 43                                                                        |
      When I list Users with filter '{{scope.users}} and urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "42"'
      Then the response status is 200
      And the list holds exactly "u1"

    @P-FILTER-23 @may
    Scenario: schemas is filterable
      Given the server supports the enterprise extension
      And these users exist:
        | fixture | userName | urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department |
        | u1      | bjensen  | Ops                                                                   |
        | u2      | jsmith   |                                                                       |
      When I list Users with filter '{{scope.users}} and schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"'
      Then the optional filter finds exactly "u1"

    @P-FILTER-23 @may
    Scenario: meta.resourceType is filterable
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
      When I list Users with filter '{{scope.users}} and meta.resourceType eq "User"'
      Then the optional filter finds exactly "u1, u2"

    # ---------- groups and ids (P-FILTER-24..26) ----------

    @P-FILTER-24 @must @entra
    Scenario: filter works on /Groups
      Given these groups exist:
        | fixture | displayName |
        | g1      | admins      |
        | g2      | auditors    |
      When I list Groups with filter 'displayName eq "{{g1.displayName}}"'
      Then the response status is 200
      And the list holds exactly "g1"

    @P-FILTER-25 @may @entra
    Scenario: groups are found by member with a value filter
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
      And these groups exist:
        | fixture | displayName | members |
        | g1      | admins      | u1, u2  |
        | g2      | auditors    | u2      |
      When I list Groups with filter 'members[value eq "{{u1.id}}"]'
      Then the optional filter finds exactly "g1"

    @P-FILTER-25 @may @entra
    Scenario: groups are found by member with members.value
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
      And these groups exist:
        | fixture | displayName | members |
        | g1      | admins      | u1, u2  |
        | g2      | auditors    | u2      |
        | g3      | nobody      |         |
      When I list Groups with filter 'members.value eq "{{u2.id}}"'
      Then the optional filter finds exactly "g1, g2"

    @P-FILTER-26 @must @entra
    Scenario: id is filterable together with and
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
      When I list Users with filter 'id eq "{{u1.id}}" and userName eq "{{u1.userName}}"'
      Then the response status is 200
      And the list holds exactly "u1"

    @P-FILTER-26 @must @entra
    Scenario: id combined with a non-matching condition finds nothing
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
      When I list Users with filter 'id eq "{{u1.id}}" and userName eq "{{u2.userName}}"'
      Then the response status is 200
      And the list is empty

    # ---------- refusals (P-FILTER-27..30) ----------

    @P-FILTER-27 @must
    Scenario Outline: a syntactically invalid filter is an invalidFilter error (<case>)
      When I list Users with filter '<filter>'
      Then the response is a SCIM error with status 400 and scimType "invalidFilter"

      Examples:
        | case                  | filter                  |
        | missing value         | userName eq             |
        | dangling and          | userName eq "a" and     |
        | unclosed parenthesis  | (userName eq "a"        |
        | unclosed bracket      | emails[type eq "work"   |
        | unterminated string   | userName eq "a          |
        | missing operator      | userName "a"            |

    # RFC 7644 §3.4.2.2 Figure 1: "SCIM filters MUST conform to the following ABNF", where compValue = false / null /
    # true / number / string, "rules from JSON (RFC 7159)". Anything else in a value's place is a syntax error
    # (Table 9: invalidFilter, "the specified filter syntax was invalid"). Answering 200 with an empty list instead
    # is worse than wrong: an IdP reads "no such user" and creates a duplicate. (The RFC's §3.4.2.1 example
    # `meta.resourceType eq User` is non-normative and breaks its own ABNF; it is not a licence for barewords.)
    @P-FILTER-27 @P-FILTER-31 @P-FILTER-32 @must @okta @entra
    Scenario Outline: a malformed literal is an invalidFilter error, never an empty list (<case>)
      When I list Users with the filter:
        """
        <filter>
        """
      Then the malformed filter is refused with invalidFilter, not answered with a list

      Examples:
        | case                               | filter                                    |
        | unquoted string                    | externalId eq ajones                      |
        | unquoted string with an @          | userName eq ajones@example.com            |
        | unquoted string after and          | userName eq "x" and externalId eq ajones  |
        | unquoted string in a value filter  | emails[value eq ajones@example.com]       |
        | unquoted string with ne            | externalId ne ajones                      |
        | misspelt boolean                   | active eq ture                            |
        | yes for a boolean                  | active eq yes                             |
        | invalid escape in a string         | userName eq "a\qb"                       |
        | text after the closing quote       | userName eq "a"b                          |
        | number with a leading zero         | externalId eq 007                         |
        | number with a trailing dot         | externalId eq 1.                          |
        | number with a leading dot          | externalId eq .5                          |
        | number with a plus sign            | externalId eq +1                          |
        | number with an empty exponent      | externalId eq 1e                          |
        | lone minus sign                    | externalId eq -                           |
        | hexadecimal number                 | externalId eq 0x1F                        |
        | NaN                                | externalId eq NaN                         |

    # Two literals outside the ABNF have readers: the JSON rules behind compValue spell true, false and null in lower
    # case only (RFC 7159 §3), and one RFC example (§22 A12) writes a string in single quotes. A server refusing them
    # is exact; one reading them as meant is lenient (a warning). Treating them as words that match nothing is wrong.
    @P-FILTER-31 @P-FILTER-32 @must
    Scenario Outline: a literal some servers read leniently is refused, or read as meant, never matches nothing (<comparison>)
      Given these users exist:
        | fixture | userName | active |
        | u1      | bjensen  | true   |
        | u2      | jsmith   | false  |
      When I list Users with the filter:
        """
        {{scope.users}} and <comparison>
        """
      Then the filter is refused with invalidFilter, or finds exactly "<finds>" with a warning

      Examples:
        | comparison                    | finds |
        | active eq True                | u1    |
        | active eq TRUE                | u1    |
        | active eq False               | u2    |
        | userName eq '{{u1.userName}}' | u1    |

    @P-FILTER-28 @must
    Scenario: an unknown operator is an invalidFilter error
      When I list Users with filter 'userName regex "b.*"'
      Then the response is a SCIM error with status 400 and scimType "invalidFilter" as RFC 7644 §3.4.2.2 requires

    @P-FILTER-28 @should
    Scenario: the invalidFilter error for an unknown operator names the operator
      When I list Users with filter 'userName regex "b.*"'
      Then the response is a SCIM error with status 400 and scimType "invalidFilter"
      And the error detail mentions "regex"

    @P-FILTER-29 @must
    Scenario: an attribute/operator combination the server may lack gives right results or invalidFilter, never 500
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
        | u2      | jsmith   |
      When I list Users with filter 'id co "{{u1.id}}"'
      Then the filter finds exactly "u1", or is refused with invalidFilter

    @P-FILTER-30 @may
    Scenario: an over-broad filter is answered, or refused with tooMany
      Given these users exist:
        | fixture | userName |
        | u1      | bjensen  |
      When I GET '/Users?filter=userName pr&count=1'
      Then the response is a ListResponse, or a SCIM error with status 400 and scimType "tooMany or invalidFilter"

    # ---------- literals and encoding (P-FILTER-31..34) ----------

    @P-FILTER-31 @must
    Scenario: a string literal may contain an apostrophe
      Given these users exist:
        | fixture | userName | name.familyName |
        | u1      | omalley  | O'Malley        |
        | u2      | malley   | Malley          |
      When I list Users with the filter:
        """
        {{scope.users}} and name.familyName eq "O'Malley"
        """
      Then the response status is 200
      And the list holds exactly "u1"

    @P-FILTER-31 @must
    Scenario: a string literal uses JSON escapes for double quotes
      Given these users exist:
        | fixture | userName | displayName      |
        | u1      | quoted   | a "quoted" name  |
        | u2      | plain    | a quoted name    |
      When I list Users with the filter:
        """
        {{scope.users}} and displayName eq "a \"quoted\" name"
        """
      Then the response status is 200
      And the list holds exactly "u1"

    @P-FILTER-32 @must
    Scenario: false is a Boolean literal
      Given these users exist:
        | fixture | userName | active |
        | u1      | bjensen  | true   |
        | u2      | jsmith   | false  |
      When I list Users with filter '{{scope.users}} and active eq false'
      Then the response status is 200
      And the list holds exactly "u2"

    @P-FILTER-33 @must @okta
    Scenario: a filter percent-encoded with %20, %22 and %40 is decoded
      Given these users exist:
        | fixture | userName            |
        | u1      | bjensen@example.com |
        | u2      | jsmith@example.com  |
      When I GET "/Users?filter=userName%20eq%20%22{{scope.prefix}}bjensen%40example.com%22"
      Then the response status is 200
      And the list holds exactly "u1"

    @P-FILTER-33 @must @okta
    Scenario: a filter with + for spaces is decoded
      Given these users exist:
        | fixture | userName            |
        | u1      | bjensen@example.com |
        | u2      | jsmith@example.com  |
      When I GET "/Users?filter=userName+eq+%22{{scope.prefix}}bjensen%40example.com%22"
      Then the response status is 200
      And the list holds exactly "u1"

    @P-FILTER-34 @may
    Scenario: a password filter never leaks the password
      Given these users exist:
        | fixture | userName | password             |
        | u1      | bjensen  | Pw-{{runId}}-Filter1! |
      When I list Users with filter 'userName eq "{{u1.userName}}" and password eq "Pw-{{runId}}-Filter1!"'
      Then the response is a ListResponse, or a SCIM error with status 400 and scimType "invalidFilter"
      And no listed resource reveals "Pw-{{runId}}-Filter1!"

    # ---------- limits (P-FILTER-35) ----------

    @P-FILTER-35 @must
    Scenario: a result page never exceeds filter.maxResults
      Given more users exist than the ServiceProviderConfig's filter.maxResults
      When I GET "/Users?count=100000"
      Then the response status is 200
      And the page holds at most filter.maxResults resources

  Rule: a server that does not support filtering refuses a filter rather than ignoring it

    @P-FILTER-36 @should
    Scenario: a filter sent to a server without filter support is refused, not ignored
      Given the server does not support filter
      When I list Users with filter 'userName eq "{{prefix}}nobody-{{uuid}}"'
      Then the filter is refused rather than ignored
