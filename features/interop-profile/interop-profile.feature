Feature: SCIM 2.0 interoperability profile (draft-zollner-scim-interop-profile-01)

  The profile narrows RFC 7643/7644 for IdP integrations. Several of its rules are stricter than the RFC (path-less
  PATCH and undefined attributes refused), so every scenario first checks that the target claims the profile
  (interopProfileConformant, §4); a target that does not claim it is reported as not claiming, never as failing the
  RFC. Section numbers are those of draft-01.

  Background:
    Given the server claims the SCIM interop profile

  @IOP-CONF-01 @must
  Scenario: the claim is the Boolean true in /ServiceProviderConfig (§4)
    Then ServiceProviderConfig says interopProfileConformant is the boolean true

  @IOP-DISC-01 @must
  Scenario: the three discovery endpoints are served (§5.1)
    When I GET "/ServiceProviderConfig"
    Then the response status is 200
    When I GET "/Schemas"
    Then the response status is 200
    When I GET "/ResourceTypes"
    Then the response status is 200

  @IOP-DISC-02 @must
  Scenario: every schema a resource type references is in /Schemas (§5.1)
    Then every schema the resource types reference is served by /Schemas

  @IOP-DISC-03 @must
  Scenario: resource type ids equal their names (§5.1)
    Then every resource type's id equals its name

  @IOP-TYPE-01 @must
  Scenario: type sub-attributes declare canonicalValues (§5.4)
    Then every multi-valued complex attribute with a type sub-attribute declares its canonicalValues

  @IOP-CASE-01 @must
  Scenario: ids are case-exact (§5.2)
    Given a user "u1" exists
    When I GET the user "u1" by its id with the letters' case swapped
    Then the response is a SCIM error with status 404

  @IOP-CASE-02 @must
  Scenario: externalId is case-exact in filters (§5.2)
    Given a user "u1" exists
    When I list Users whose externalId equals that of "u1" with the case swapped
    Then the list does not hold "u1"

  @IOP-CASE-03 @must
  Scenario: userName is case-insensitive in filters and in uniqueness alike (§5.2, §6.9.1)
    Given a user "u1" exists
    When I list Users whose userName equals that of "u1" with the case swapped
    Then the list holds exactly "u1"
    When I create a user whose userName is that of "u1" with the case swapped
    Then the response is a SCIM error with status 409 and scimType "uniqueness"

  @IOP-ATTR-01 @must
  Scenario: an attribute the schemas do not define is refused on POST (§5.3)
    When I create a user with the extra member "notAnAttributeOfAnySchema"
    Then the response is a SCIM error with status 400 and scimType "invalidSyntax"

  @IOP-ATTR-02 @must
  Scenario: a schema URI the server does not define is refused (§5.3)
    When I create a user that also lists the schema "urn:example:params:scim:schemas:extension:unknown:2.0:User"
    Then the response is a SCIM error with status 400 and scimType "invalidSyntax"

  @IOP-ATTR-03 @must
  Scenario: PATCH of an attribute the schemas do not define is refused (§5.3)
    Given a user "u1" exists
    When I PATCH "/Users/{{u1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "notAnAttributeOfAnySchema", "value": "x"}]}
      """
    Then the response is a SCIM error with status 400 and scimType "invalidSyntax"

  @IOP-EP-01 @must
  Scenario: each resource type has its own endpoint (§6.1)
    Then every resource type has its own endpoint

  @IOP-EP-02 @must
  Scenario: resources are addressed as /{endpoint}/{id} (§6.1)
    Given a user "u1" exists
    Then the user "u1" is addressed as its endpoint and id

  @IOP-HTTP-01 @must
  Scenario: SCIM data is labelled application/scim+json (§6.2)
    Given a user "u1" exists
    When I GET "/Users/{{u1.id}}"
    Then the response header "Content-Type" starts with "application/scim+json"
    When I GET '/Users?filter=userName eq "{{u1.userName}}"'
    Then the response header "Content-Type" starts with "application/scim+json"
    When I GET "/Users/{{u1.id}}-missing"
    Then the response header "Content-Type" starts with "application/scim+json"

  @IOP-FILT-01 @must
  Scenario: eq and and are supported (§6.3)
    Given a user "u1" exists
    When I GET '/Users?filter=userName eq "{{u1.userName}}" and externalId eq "{{u1.externalId}}"'
    Then the list holds exactly "u1"

  @IOP-FILT-02 @must
  Scenario: a filter on an undefined attribute is invalidFilter (§6.3)
    When I GET '/Users?filter=notAnAttributeOfAnySchema eq "x"'
    Then the response is a SCIM error with status 400 and scimType "invalidFilter"

  @IOP-PAGE-01 @must
  Scenario: Users and Groups are paginated (§6.4)
    Given a user "u1" exists
    And a user "u2" exists
    And a group "g1" exists
    And a group "g2" exists
    When I page through '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}"' with count 1 by the method the server offers
    Then paging visited each of "u1, u2" exactly once
    When I page through '/Groups?filter=displayName eq "{{g1.displayName}}" or displayName eq "{{g2.displayName}}"' with count 1 by the method the server offers
    Then paging visited each of "g1, g2" exactly once

  @IOP-PAGE-02 @should
  Scenario: without count a page holds at least 100 results, or all (§6.4)
    Given a user "u1" exists
    When I GET "/Users"
    Then the page holds at least 100 resources, or all of totalResults

  @IOP-PAGE-03 @must
  Scenario: a count of 100 is supported (§6.4)
    Given a user "u1" exists
    When I GET "/Users?count=100"
    Then the page holds at least 100 resources, or all of totalResults

  @IOP-PAGE-04 @must
  Scenario: a count above the maximum gets fewer results, not an error (§6.4)
    When I GET "/Users?count=100000"
    Then the page holds at most the advertised page maximum

  @IOP-PATCH-01 @must
  Scenario: PATCH is supported (§6.5)
    Given the server supports patch
    And a user "u1" exists
    When I PATCH "/Users/{{u1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "{{prefix}}Patched Name"}]}
      """
    Then the response status is one of "200, 204"
    And "u1" read back has "displayName" equal to "{{prefix}}Patched Name"

  @IOP-PATCH-02 @must
  Scenario: an operation without path is refused with invalidSyntax (§6.5.1.1)
    Given a user "u1" exists
    When I PATCH "/Users/{{u1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"displayName": "{{prefix}}No Path"}}]}
      """
    Then the response is a SCIM error with status 400 and scimType "invalidSyntax"
    And "u1" read back has "displayName" equal to "{{u1.displayName}}"

  @IOP-PATCH-03 @must
  Scenario: add and replace are equivalent on a singular simple attribute (§6.5.2.1)
    Given a user "u1" exists
    When I PATCH "/Users/{{u1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "displayName", "value": "{{prefix}}Added Name"}]}
      """
    Then the response status is one of "200, 204"
    And "u1" read back has "displayName" equal to "{{prefix}}Added Name"

  @IOP-PATCH-04 @must
  Scenario: replace of a whole complex attribute drops omitted sub-attributes (§6.5.2.1)
    Given a user "u1" exists
    When I PATCH "/Users/{{u1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "name", "value": {"givenName": "Only"}}]}
      """
    Then the response status is one of "200, 204"
    And "u1" read back has "name.givenName" equal to "Only"
    And "u1" read back has no "name.familyName"

  @IOP-PATCH-05 @must
  Scenario: add of a whole complex attribute merges (§6.5.2.1)
    Given a user "u1" exists
    When I PATCH "/Users/{{u1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "name", "value": {"givenName": "Merged"}}]}
      """
    Then the response status is one of "200, 204"
    And "u1" read back has "name.givenName" equal to "Merged"
    And "u1" read back has "name.familyName" equal to "{{u1.name.familyName}}"

  @IOP-PATCH-06 @must
  Scenario: replace of a multi-valued attribute replaces the collection (§6.5.2.2)
    Given a user "u1" exists
    When I PATCH "/Users/{{u1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "emails", "value": [{"value": "only-{{u1.userName}}@example.org", "type": "work"}]}]}
      """
    Then the response status is one of "200, 204"
    And "u1" read back lists "only-{{u1.userName}}@example.org" under "emails"

  @IOP-PATCH-07 @must
  Scenario: add of a multi-valued attribute appends (§6.5.2.2)
    Given a user "u1" exists
    When I PATCH "/Users/{{u1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "emails", "value": [{"value": "second-{{u1.userName}}@example.org", "type": "home"}]}]}
      """
    Then the response status is one of "200, 204"
    And "u1" read back lists "{{u1.emails.0.value}}, second-{{u1.userName}}@example.org" under "emails"

  @IOP-LIFE-01 @must
  Scenario: PATCH never deletes (§6.6)
    Given a user "u1" exists
    When I PATCH "/Users/{{u1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "active", "value": false}]}
      """
    Then the response status is one of "200, 204"
    And a GET of "/Users/{{u1.id}}" answers 200

  @IOP-LIFE-02 @must
  Scenario: DELETE deletes: 404 afterwards and absent from queries (§6.6)
    Given a user "u1" exists
    When I DELETE "/Users/{{u1.id}}"
    Then the response status is 204
    And a GET of "/Users/{{u1.id}}" answers 404
    When I PATCH "/Users/{{u1.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "active", "value": false}]}
      """
    Then the response is a SCIM error with status 404
    When I GET '/Users?filter=userName eq "{{u1.userName}}"'
    Then the list is empty

  @IOP-LIFE-03 @must
  Scenario: a deleted user's userName is free again (§6.6)
    Given a user "u1" exists
    When I DELETE "/Users/{{u1.id}}"
    And I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{u1.userName}}"}
      """
    Then the response status is 201

  @IOP-ERR-01 @must
  Scenario: a PATCH that breaks uniqueness is 409 uniqueness (§6.9.1)
    Given a user "u1" exists
    And a user "u2" exists
    When I PATCH "/Users/{{u2.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "userName", "value": "{{u1.userName}}"}]}
      """
    Then the response is a SCIM error with status 409 and scimType "uniqueness"

  @IOP-TLS-01 @must
  Scenario: TLS 1.3 is supported (§7.1)
    Given the target is served over https
    Then a TLS handshake at TLSv1.3 or later succeeds

  @IOP-AUTH-01 @should
  Scenario: HTTP Basic is not offered (§7.2)
    Then ServiceProviderConfig does not offer the "httpbasic" authentication scheme
