Feature: Versioning with ETags (RFC 7644 §3.14)

  Background:
    Given the server supports etag

  @P-ETAG-01 @must
  Scenario: GET of a single resource carries an ETag header
    Given a user exists
    When I GET "/Users/{{user.id}}"
    Then the response status is 200
    And the response has header "ETag"

  @P-ETAG-01 @must
  Scenario: a create response carries an ETag header
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}
      """
    Then the response status is 201
    And the response has header "ETag"

  @P-ETAG-02 @should
  Scenario: meta.version equals the ETag header
    Given a user exists
    When I GET "/Users/{{user.id}}"
    Then the response status is 200
    And the response has header "ETag" equal to the body's meta.version

  @P-ETAG-03 @must
  Scenario: the ETag is a strong or W/-marked weak entity tag
    Given a user exists
    When I GET "/Users/{{user.id}}"
    Then the response status is 200
    And the ETag is a well-formed entity tag

  @P-ETAG-04 @must
  Scenario: the version changes when the resource changes
    Given a user exists
    And I note the ETag of "user"
    When I PUT "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName}}", "displayName": "Changed {{random}}"}
      """
    Then the response status is 200
    And the ETag differs from the one noted for "user"

  # ---------- a Group's version follows its members (RFC 7643 §4.2: the member list is part of the Group) ----------
  # A server that keeps membership apart from the group's own record can forget to move the version when only the
  # member list changes, or when a member is deleted and leaves the group as a side effect; a client that caches by
  # ETag (If-None-Match answered 304) then keeps a stale member list.

  @P-ETAG-04 @must
  Scenario: a group's version changes when a member is added
    Given the server supports patch
    And a user "member" exists
    And a group exists
    And I note the ETag of "group"
    When I PATCH "group" with the operations:
      """
      [{"op": "add", "path": "members", "value": [{"value": "{{member.id}}"}]}]
      """
    Then the PATCH succeeded
    And the resource now has exactly the members "member"
    And the version of "group" moved on from the one noted

  @P-ETAG-04 @must
  Scenario: a group's version changes when a member is removed
    Given the server supports patch
    And a user "leaver" exists
    And a user "stayer" exists
    And a group exists with members "leaver, stayer"
    And I note the ETag of "group"
    When I PATCH "group" with the operations:
      """
      [{"op": "remove", "path": "members[value eq \"{{leaver.id}}\"]"}]
      """
    Then the PATCH succeeded
    And the resource now has exactly the members "stayer"
    And the version of "group" moved on from the one noted

  @P-ETAG-04 @must
  Scenario: a group's version changes when a PUT replaces its members
    Given a user "old member" exists
    And a user "new member" exists
    And a group exists with members "old member"
    And I note the ETag of "group"
    When I PUT "/Groups/{{group.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{{group.displayName}}", "members": [{"value": "{{new member.id}}"}]}
      """
    Then the response status is 200
    And the resource now has exactly the members "new member"
    And the version of "group" moved on from the one noted

  @P-ETAG-04 @must
  Scenario: a group's version changes when a member is deleted and leaves it
    Given a user "leaver" exists
    And a user "stayer" exists
    And a group exists with members "leaver, stayer"
    And I note the ETag of "group"
    When I DELETE "/Users/{{leaver.id}}"
    Then the response status is 204
    And if "group" no longer lists "leaver", its version moved on from the one noted

  @P-ETAG-05 @must
  Scenario: If-None-Match with the current ETag answers 304 without a body
    Given a user exists
    And I note the ETag of "user"
    When I send GET "/Users/{{user.id}}" with header "If-None-Match: {{user etag.value}}"
    Then the response status is 304
    And the response has no body

  @P-ETAG-06 @must
  Scenario: If-None-Match with a stale ETag answers 200 with the resource
    Given a user exists
    And I note the ETag of "user"
    And the displayName of "user" was changed
    When I send GET "/Users/{{user.id}}" with header "If-None-Match: {{user etag.value}}"
    Then the response status is 200
    And the body is "user"

  @P-ETAG-09 @must
  Scenario: a bulk operation's version acts as If-Match
    Given the server supports bulk
    And a user exists
    And I note the ETag of "user"
    And the displayName of "user" was changed
    When I POST to "/Bulk" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
       "Operations": [{"method": "PUT", "path": "/Users/{{user.id}}", "version": {{user etag.value|json}},
                       "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName}}", "displayName": "{{prefix}}Stale bulk"}}]}
      """
    Then the response status is 200
    And bulk operation 1 has status 412
    And bulk operation 1 carries a SCIM error with status 412

  # ---------- the If-Match matrix: PUT, PATCH and DELETE, current and stale, Users and Groups ----------
  # A server that compares the ETag after applying the change refuses its own current version with 412; one that
  # checks If-Match on Users only lets a stale write through on Groups. Each row reads the resource back: a write
  # with the current ETag shows its new displayName (a DELETE: 404), a refused stale one left the resource as it was.

  @P-ETAG-07 @must
  Scenario Outline: If-Match with the current ETag lets a <method> of a <kind> proceed
    Given the server supports conditional <method>
    And a <kind> exists
    And I note the ETag of "<kind>"
    When I send a conditional <method> of "<kind>" with its noted ETag
    Then the conditional <method> of "<kind>" succeeded and was applied

    Examples:
      | method | kind  |
      | PUT    | user  |
      | PATCH  | user  |
      | DELETE | user  |
      | PUT    | group |
      | PATCH  | group |
      | DELETE | group |

  @P-ETAG-08 @must
  Scenario Outline: If-Match with a stale ETag refuses a <method> of a <kind> and changes nothing
    Given the server supports conditional <method>
    And a <kind> exists
    And I note the ETag of "<kind>"
    And the displayName of "<kind>" was changed
    When I send a conditional <method> of "<kind>" with its noted ETag
    Then the stale conditional <method> of "<kind>" was refused and changed nothing

    Examples:
      | method | kind  |
      | PUT    | user  |
      | PATCH  | user  |
      | DELETE | user  |
      | PUT    | group |
      | PATCH  | group |
      | DELETE | group |
