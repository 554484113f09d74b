Feature: OpenID IPSIE account lifecycle levels AL1-AL3 over SCIM

  The IPSIE SCIM profile (draft-ipsie-scim-al1-profile, editor's copy of 12 December 2025) and the IPSIE levels
  (ipsie-levels.md): AL1 deprovisioning, AL2 users and groups, AL3 roles. Levels nest: @ipsie-al1 scenarios belong
  to every level. Requirements that cannot be observed over SCIM on this connection are reported as not checked.

  @IPS-AUTH-01 @must @ipsie-al1
  Scenario: SCIM is protected by OAuth 2.0 bearer tokens (§3.1, §3.2.1)
    Then ServiceProviderConfig lists the "oauthbearertoken" authentication scheme
    When I GET "/Users" without credentials
    Then the response status is 401

  @IPS-AUTH-02 @must @ipsie-al1
  Scenario: the token endpoint takes JWT client authentication (RFC 7523) per its RFC 8414 metadata (§3.1)
    Then the authorization server metadata has a token_endpoint and offers private_key_jwt

  @IPS-TLS-01 @must @ipsie-al1
  Scenario: every endpoint enforces TLS 1.2 or later (§3.4)
    Given the target is served over https
    Then a TLS handshake capped at TLSv1.1 is refused
    And a TLS handshake at TLSv1.2 or later succeeds

  @IPS-ERR-01 @must @ipsie-al1
  Scenario: errors are SCIM errors that leak no internals (§3.4)
    When I GET "/Users/ipsie-no-such-user"
    Then the response is a SCIM error with status 404
    And the response has no stack trace or internal detail
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "displayName": "{{prefix}}no userName"}
      """
    Then the response is a SCIM error with status 400
    And the response has no stack trace or internal detail

  @IPS-RATE-01 @must @ipsie-al1
  Scenario: rate limits answer 429 with Retry-After (§3.2.2.5, §3.4)
    Given this cannot be checked over SCIM: "provoking a rate limit needs a load the harness must not put on a target (any 429 met during the run is retried after its Retry-After by the shared retry policy)"

  @IPS-AUDIT-01 @must @ipsie-al1
  Scenario: provisioning actions are logged for audit (§3.4)
    Given this cannot be checked over SCIM: "audit logs are not visible through the SCIM protocol"

  @IPS-AL1-01 @IPS-AL1-02 @must @ipsie-al1
  Scenario: a user is suspended and reactivated by PATCH active (AL1; §3.2.2.3)
    Given a user "u1" exists
    When I PATCH "/Users/{{u1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "active", "value": false}]}
      """
    Then the response status is one of "200, 204"
    And "u1" read back has "active" equal to "false"
    When I PATCH "/Users/{{u1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "active", "value": true}]}
      """
    Then the response status is one of "200, 204"
    And "u1" read back has "active" equal to "true"

  @IPS-AL1-03 @IPS-AL1-04 @must @ipsie-al1
  Scenario: DELETE deprovisions and the userName can be provisioned again (AL1; §3.2.2.4)
    Given a user "u1" exists
    When I DELETE "/Users/{{u1.id}}"
    Then the response status is 204
    And a GET of "/Users/{{u1.id}}" answers 404
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{u1.userName}}"}
      """
    Then the response status is 201

  @IPS-AL1-05 @must @ipsie-al1
  Scenario: every account can be found by paging GET /Users (§3.2.2.5)
    Given the server supports filter
    And a user "u1" exists
    And a user "u2" exists
    When I page through '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}"' with count 1 by the method the server offers
    Then paging visited each of "u1, u2" exactly once

  @IPS-AL1-06 @must @ipsie-al1
  Scenario: users are found by userName, externalId and email (§3.2.2.7)
    Given a user "u1" exists
    And a user "u2" exists
    When I GET '/Users?filter=userName eq "{{u1.userName}}"'
    Then the list holds exactly "u1"
    When I GET '/Users?filter=externalId eq "{{u1.externalId}}"'
    Then the list holds exactly "u1"
    When I GET '/Users?filter=emails[value eq "{{u1.emails.0.value}}"]'
    Then the list holds exactly "u1"

  @IPS-AL1-07 @must @ipsie-al1
  Scenario: deactivation also ends sessions, tokens and other credentials (§3.2.2.3)
    Given this cannot be checked over SCIM: "the application's sessions, API tokens and keys are not visible through the SCIM protocol"

  @IPS-AL1-08 @should @ipsie-al1
  Scenario: access is revoked within 5 minutes of deactivation (§3.2.2.3)
    Given this cannot be checked over SCIM: "the application's sign-in state is not visible through the SCIM protocol"

  @IPS-AL2-01 @IPS-AL2-03 @must @ipsie-al2
  Scenario: a user is created with an enterprise identifier and a primary email, and read by id (AL2; §3.2.2.1, §3.2.2.6)
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{prefix}}ipsie-create",
       "externalId": "{{prefix}}ipsie-create-ext",
       "emails": [{"value": "{{prefix}}ipsie-create@example.com", "type": "work", "primary": true}]}
      """
    Then the response status is 201
    And the body field "externalId" is "{{prefix}}ipsie-create-ext"
    And the body field "emails.0.value" is "{{prefix}}ipsie-create@example.com"
    And reading the resource back answers 200

  @IPS-AL2-02 @must @ipsie-al2
  Scenario: a user is updated by PATCH (AL2; §3.2.2.2)
    Given a user "u1" exists
    When I PATCH "/Users/{{u1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "name.givenName", "value": "Renamed"}]}
      """
    Then the response status is one of "200, 204"
    And "u1" read back has "name.givenName" equal to "Renamed"

  @IPS-AL2-04 @IPS-AL2-05 @must @ipsie-al2
  Scenario: groups are created and found by paging GET /Groups (AL2; §3.2.3.1, §3.2.3.2)
    Given the server supports filter
    And a group "g1" exists
    And a group "g2" exists
    When I page through '/Groups?filter=displayName eq "{{g1.displayName}}" or displayName eq "{{g2.displayName}}"' with count 1 by the method the server offers
    Then paging visited each of "g1, g2" exactly once

  @IPS-AL2-06 @IPS-AL2-07 @must @ipsie-al2
  Scenario: groups are read and looked up without their members (§3.2.3.3, §3.2.3.4)
    Given a user "u1" exists
    And a group "g1" exists with members "u1"
    When I GET "/Groups/{{g1.id}}?excludedAttributes=members"
    Then the response status is 200
    And the body field "members" is absent
    When I GET '/Groups?filter=displayName eq "{{g1.displayName}}"&excludedAttributes=members'
    Then the list holds exactly "g1"

  @IPS-AL2-08 @IPS-AL2-09 @IPS-AL2-10 @must @ipsie-al2
  Scenario: members are added with path members and removed one by one or all at once (§3.2.3.5)
    Given a user "u1" exists
    And a user "u2" exists
    And a user "u3" exists
    And a group "g1" exists
    When I PATCH "/Groups/{{g1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "members", "value": [{"value": "{{u1.id}}"}, {"value": "{{u2.id}}"}, {"value": "{{u3.id}}"}]}]}
      """
    Then the response status is one of "200, 204"
    And "g1" read back lists "{{u1.id}}, {{u2.id}}, {{u3.id}}" under "members"
    When I PATCH "/Groups/{{g1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members[value eq \"{{u2.id}}\"]"}]}
      """
    Then the response status is one of "200, 204"
    And "g1" read back lists "{{u1.id}}, {{u3.id}}" under "members"
    When I PATCH "/Groups/{{g1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members"}]}
      """
    Then the response status is one of "200, 204"
    And "g1" read back has no "members"

  @IPS-AL2-11 @must @ipsie-al2
  Scenario: /ResourceTypes includes User and Group (§3.3.1)
    When I GET "/ResourceTypes/User"
    Then the response status is 200
    When I GET "/ResourceTypes/Group"
    Then the response status is 200

  @IPS-AL2-12 @must @ipsie-al2
  Scenario: /Schemas describes Users with emails and Groups (§3.3.3)
    Then the "urn:ietf:params:scim:schemas:core:2.0:User" schema defines "userName"
    And the "urn:ietf:params:scim:schemas:core:2.0:User" schema defines "emails.value"
    And the "urn:ietf:params:scim:schemas:core:2.0:Group" schema defines "displayName"

  @IPS-AL2-13 @must @ipsie-al2
  Scenario: /ServiceProviderConfig advertises PATCH and filtering (§3.3.2)
    When I GET "/ServiceProviderConfig"
    Then the body field "patch.supported" is the boolean true
    And the body field "filter.supported" is the boolean true

  @IPS-AL2-14 @must @ipsie-al2
  Scenario: managed users are not changed locally in the application (AL2; §3.2.1)
    Given this cannot be checked over SCIM: "local changes are made in the application's own interface, outside SCIM"

  @IPS-AL3-01 @must @ipsie-al3
  Scenario: the application exposes its roles (AL3)
    Then the "urn:ietf:params:scim:schemas:core:2.0:User" schema defines "roles.value"

  @IPS-AL3-02 @must @ipsie-al3
  Scenario: the roles a user has are synchronized (AL3)
    Given a user "u1" exists
    When I PATCH "/Users/{{u1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "roles", "value": [{"value": "ipsie-auditor"}]}]}
      """
    Then the response status is one of "200, 204"
    And "u1" read back lists "ipsie-auditor" under "roles"
    When I PATCH "/Users/{{u1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "roles[value eq \"ipsie-auditor\"]"}]}
      """
    Then the response status is one of "200, 204"
    And "u1" read back has no "roles"
