Feature: Queries with POST /.search (RFC 7644 §3.4.3)

  POST .search is optional and not announced in /ServiceProviderConfig: each scenario first probes it, and a
  404, 405 or 501 skips the scenario. Queries are scoped to the scenario's own users with a filter.

  Background:
    Given the server answers POST .search on "/Users"

  @P-SEARCH-01 @may
  Scenario: a search runs the query and answers 200 with a ListResponse
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | bjensen  |
      | u2      | jsmith   |
    When I POST to "/Users/.search" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": "userName eq \"{{u1.userName}}\""}
      """
    Then the response status is 200
    And the list holds exactly "u1"

  @P-SEARCH-02 @should
  Scenario: a search body without schemas is refused
    When I POST to "/Users/.search" with:
      """
      {"filter": "userName eq \"{{prefix}}nobody\"", "count": 1}
      """
    Then the response is a SCIM error with status 400 and scimType "invalidSyntax or invalidValue"

  @P-SEARCH-02 @should
  Scenario: a search body with another message URN is refused
    When I POST to "/Users/.search" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "filter": "userName eq \"{{prefix}}nobody\"", "count": 1}
      """
    Then the response is a SCIM error with status 400 and scimType "invalidSyntax or invalidValue"

  @P-SEARCH-03 @must
  Scenario: attributes and filter in the body behave as the GET parameters
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | bjensen  |
      | u2      | jsmith   |
    When I POST to "/Users/.search" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
       "filter": {{scope.users|json}}, "attributes": ["userName"]}
      """
    Then the list holds exactly "u1, u2"
    And every listed resource has only the attributes "id, userName, schemas"

  @P-SEARCH-03 @must
  Scenario: excludedAttributes in the body behaves as the GET parameter
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | bjensen  |
      | u2      | jsmith   |
    When I POST to "/Users/.search" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
       "filter": {{scope.users|json}}, "excludedAttributes": ["emails", "name"]}
      """
    Then the list holds exactly "u1, u2"
    And no listed resource has the attribute "emails"
    And no listed resource has the attribute "name"

  @P-SEARCH-03 @must
  Scenario: startIndex and count in the body page the results
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | bravo    |
      | u2      | charlie  |
      | u3      | alpha    |
    When I POST to "/Users/.search" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
       "filter": {{scope.users|json}}, "startIndex": 2, "count": 1}
      """
    Then the page holds 1 resource
    And the list's startIndex is 2
    And the list's totalResults is 3

  @P-SEARCH-03 @P-SORT-08 @must
  Scenario: sortBy and sortOrder in the body sort before paging
    Given the server supports filter
    And the server supports sort
    And these users exist:
      | fixture | userName |
      | b       | bravo    |
      | a       | alpha    |
      | c       | charlie  |
    When I POST to "/Users/.search" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
       "filter": {{scope.users|json}}, "sortBy": "userName", "sortOrder": "descending",
       "startIndex": 2, "count": 1, "attributes": ["userName"]}
      """
    Then the list is in the order "b"
    And every listed resource has only the attributes "id, userName, schemas"

  @P-SEARCH-03 @P-SORT-08 @must
  Scenario: sortBy in the body sorts ascending by default
    Given the server supports filter
    And the server supports sort
    And these users exist:
      | fixture | userName |
      | b       | bravo    |
      | c       | charlie  |
      | a       | alpha    |
    When I POST to "/Users/.search" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
       "filter": {{scope.users|json}}, "sortBy": "userName"}
      """
    Then the list is in the order "a, b, c"

  @P-SEARCH-04 @must
  Scenario: an invalid filter in the body is an invalidFilter error
    Given the server supports filter
    When I POST to "/Users/.search" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": "userName eq"}
      """
    Then the response is a SCIM error with status 400 and scimType "invalidFilter"

  @P-SEARCH-05 @may
  Scenario: a search at the server root spans resource types, or is declined
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | bjensen  |
    When I POST to "/.search" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": "userName eq \"{{u1.userName}}\""}
      """
    Then the root search finds "u1", or is declined

  @P-SEARCH-06 @may
  Scenario: a GET filter refused as sensitive works through POST .search
    Given the server supports filter
    And these users exist:
      | fixture | userName | emails       |
      | u1      | bjensen  | work:a@x.com |
    When I list Users with filter 'emails.value eq "{{scope.prefix}}a@x.com"'
    Then if the GET was refused as sensitive, POST .search with the same filter finds "u1"
