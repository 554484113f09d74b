Feature: What Microsoft Entra ID sends as a SCIM client (rfc-requirements.md §20, idp-behaviours.md §2)

  Requests are replayed the way Entra's provisioning service sends them, with and without the aadOptscim062020
  flag. Where a strict RFC server may refuse the legacy form, the refusal passes with a warning; a success that
  does something other than what Entra meant fails. Only the X-ENTRA-01 to 03 scenarios send capitalised ops
  (the legacy form); the others use the flag's lower-case ops so that each scenario checks one behaviour.

  @X-ENTRA-01 @must @entra
  Scenario: capitalised PATCH ops (Replace, Add) are accepted
    Given the server supports patch
    And a writable string attribute of User
    And a user exists
    When I PATCH "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [
         {"op": "Replace", "path": "displayName", "value": "{{prefix}}Maria Lopez-Ruiz"},
         {"op": "Replace", "path": "name.familyName", "value": "Lopez-Ruiz"},
         {"op": "Add", "path": "{{attribute.name}}", "value": "{{prefix}}Mari"}]}
      """
    Then the PATCH succeeded, or Entra's legacy form was refused
    And the resource now shows "displayName" as "{{prefix}}Maria Lopez-Ruiz"
    And the resource now shows "name.familyName" as "Lopez-Ruiz"
    And the resource now shows "{{attribute.name}}" as "{{prefix}}Mari"

  @X-ENTRA-01 @must @entra
  Scenario: a capitalised Remove op is accepted
    Given the server supports patch
    And a writable string attribute of User
    And a user exists with:
      """
      {"{{attribute.name}}": "{{prefix}}Temporary"}
      """
    When I PATCH "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "Remove", "path": "{{attribute.name}}"}]}
      """
    Then the PATCH succeeded, or Entra's legacy form was refused
    And the resource now has no "{{attribute.name}}"

  # Strict servers may refuse the string (RFC 7643 §2.3.2) or the capitalised op (§22 A10): a warning, not a failure.
  @X-ENTRA-02 @must @entra
  Scenario: Entra's legacy deactivation with the string "False"
    Given the server supports patch
    And a user exists
    When I PATCH "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "Replace", "path": "active", "value": "False"}]}
      """
    Then the resource now shows active as the boolean false, or the legacy request was refused with a warning

  # Entra also deactivates with "Add" (RFC 7644 §3.5.2.1: add on a single-valued attribute replaces it). A server
  # honouring only "replace" for active answers 2xx and leaves the user active: that fails; a strict refusal of the
  # legacy form (string "False", capitalised op) passes with a warning, as above.
  @X-ENTRA-02 @X-ENTRA-01 @P-PATCH-04 @must @entra
  Scenario: Entra's legacy deactivation by Add with the string "False"
    Given the server supports patch
    And a user exists
    When I PATCH "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "Add", "path": "active", "value": "False"}]}
      """
    Then the resource now shows active as the boolean false, or the legacy request was refused with a warning

  # rfc-requirements.md §22 A9: the strict reading removes every member; Entra means only the listed ones.
  @X-ENTRA-03 @must @entra
  Scenario: Entra's legacy member removal removes only the listed member
    Given the server supports patch
    And a user "user A" exists
    And a user "user B" exists
    And a group exists with members "user A, user B"
    When I PATCH "/Groups/{{group.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "Remove", "path": "members", "value": [{"value": "{{user A.id}}"}]}]}
      """
    Then the resource now has exactly the members "user B", or the legacy removal was refused with a warning

  @X-ENTRA-03 @must @entra
  Scenario: Entra's member removal with the aadOptscim062020 flag removes the filtered member
    Given the server supports patch
    And a user "user A" exists
    And a user "user B" exists
    And a group exists with members "user A, user B"
    When I PATCH "/Groups/{{group.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "members[value eq \"{{user A.id}}\"]"}]}
      """
    Then the PATCH succeeded
    And the resource now has exactly the members "user B"

  @X-ENTRA-04 @should @entra
  Scenario: Entra's uniqueness probe on the work email
    Given the server supports filter
    And a user exists
    When I GET '/Users?filter=emails[type eq "work"].value eq "{{user.emails.0.value}}"'
    Then the list holds exactly that user, or the filter was refused with invalidFilter and a warning

  # rfc-requirements.md §22 A8: RFC 7644 §3.5.2.3 says 400 noTarget (the strict scenario is in features/rfc/patch.feature);
  # Entra sends this replace for a user without a work email and means "upsert". Both pass here; a 2xx that did
  # anything but add exactly the described value fails.
  @P-PATCH-22 @must @entra
  Scenario: Entra's replace of a sub-attribute through a filter that matches nothing is refused with noTarget, or upserted
    Given the server supports patch
    And a user exists
    When I PATCH "user" with the operations:
      """
      [{"op": "replace", "path": "emails[type eq \"pager\"].value", "value": "{{prefix}}pager@example.com"}]
      """
    Then the response is a noTarget error, or the "emails" of "user" gained one value with a warning:
      """
      {"type": "pager", "value": "{{prefix}}pager@example.com"}
      """

  @X-ENTRA-05 @must @entra
  Scenario: a path-less replace whose value keys are dotted paths updates those attributes
    Given the server supports patch
    And a user exists
    When I PATCH "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [
         {"op": "replace", "path": "emails[type eq \"work\"].value", "value": "{{prefix}}m.lopezruiz@acme.test"},
         {"op": "replace", "value": {"displayName": "{{prefix}}Maria Lopez-Ruiz", "name.familyName": "Lopez-Ruiz"}}]}
      """
    Then the PATCH succeeded
    And the resource now shows "name.familyName" as "Lopez-Ruiz"
    And the resource now shows "name.givenName" as "{{user.name.givenName}}"
    And the resource now shows "displayName" as "{{prefix}}Maria Lopez-Ruiz"
    And the resource now has a "emails" value with:
      """
      {"type": "work", "value": "{{prefix}}m.lopezruiz@acme.test"}
      """
    And the resource now has no attribute literally named "name.familyName"

  @X-ENTRA-05 @must @entra
  Scenario: a path-less replace whose value keys are URN-qualified extension paths updates them
    Given the server supports patch
    And the server supports the enterprise extension
    And a user exists
    When I PATCH "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "10442"}}]}
      """
    Then the PATCH succeeded
    And the resource now shows "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber" as "10442"
    And the resource now has no attribute literally named "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"

  @X-ENTRA-06 @must @entra
  Scenario: the manager added as an array of one reference is set
    Given the server supports patch
    And the server supports the enterprise extension
    And a user "manager" exists
    And a user exists
    When I PATCH "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "manager", "value": [{"$ref": "{{manager.meta.location}}", "value": "{{manager.id}}"}]}]}
      """
    Then the PATCH succeeded
    And the resource now shows "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value" as "{{manager.id}}"

  @X-ENTRA-06 @must @entra
  Scenario: the manager added as an array through the URN-qualified path of gallery mappings is set
    Given the server supports patch
    And the server supports the enterprise extension
    And a user "manager" exists
    And a user exists
    When I PATCH "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
         "value": [{"$ref": "{{manager.meta.location}}", "value": "{{manager.id}}"}]}]}
      """
    Then the PATCH succeeded
    And the resource now shows "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value" as "{{manager.id}}"

  @X-ENTRA-06 @should @entra
  Scenario: Entra's manager check filters on id and manager
    Given the server supports filter
    And the server supports the enterprise extension
    And a user "manager" exists
    And a user exists with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": {"value": "{{manager.id}}"}}}
      """
    When I GET '/Users?filter=id eq "{{user.id}}" and manager eq "{{manager.id}}"'
    Then the response is a ListResponse
    And the list holds exactly that user

  @X-ENTRA-07 @must @entra
  Scenario: Entra's group create with its ADSCIM schema URN and a meta stub answers 201
    When I POST to "/Groups" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
       "externalId": "{{prefix}}8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
       "displayName": "{{random}}",
       "meta": {"resourceType": "Group"}}
      """
    Then the response status is 201
    And the body field "id" is a non-empty string
    And the body field "externalId" is "{{prefix}}8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159"

  @X-ENTRA-07 @must @entra
  Scenario: members added with a null $ref
    Given the server supports patch
    And a user "user A" exists
    And a user "user B" exists
    And a group exists
    When I PATCH "/Groups/{{group.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "add", "path": "members",
         "value": [{"$ref": null, "value": "{{user A.id}}"}, {"$ref": null, "value": "{{user B.id}}"}]}]}
      """
    Then the PATCH succeeded
    And the resource now has exactly the members "user A, user B"

  @X-ENTRA-08 @should @entra
  Scenario: a second group with the same displayName is refused with uniqueness
    Given a group exists
    When I POST to "/Groups" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{{group.displayName}}"}
      """
    Then the response is a SCIM error with status 409 and scimType "uniqueness"

  @X-ENTRA-09 @must @entra
  Scenario: a soft-deleted user is still returned by GET
    Given the server supports patch
    And a user exists
    And "user" was patched with the operations:
      """
      [{"op": "replace", "path": "active", "value": false}]
      """
    When I GET "/Users/{{user.id}}"
    Then the response status is 200
    And the body field "active" is the boolean false

  @X-ENTRA-09 @must @entra
  Scenario: a soft-deleted user is still found by Entra's matching filter
    Given the server supports patch
    And a user exists
    And "user" was patched with the operations:
      """
      [{"op": "replace", "path": "active", "value": false}]
      """
    When I GET '/Users?filter=userName eq "{{user.userName}}"'
    Then the response is a ListResponse
    And the list holds exactly that user
    And the body field "Resources.0.active" is the boolean false

  @X-ENTRA-10 @should @entra
  Scenario: replacing the work email keeps one work email
    Given the server supports patch
    And a user exists with:
      """
      {"emails": [{"primary": true, "type": "work", "value": "{{prefix}}old@acme.test"}, {"type": "home", "value": "{{prefix}}home@acme.test"}]}
      """
    When I PATCH "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "emails[type eq \"work\"].value", "value": "{{prefix}}new@acme.test"}]}
      """
    Then the PATCH succeeded
    And the resource now has 2 "emails" values
    And the resource now has a "emails" value with:
      """
      {"type": "work", "value": "{{prefix}}new@acme.test"}
      """
    And the resource now has no "emails" value with:
      """
      {"value": "{{prefix}}old@acme.test"}
      """
