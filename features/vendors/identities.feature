Feature: Provisioned users in the product: portal users, linking, mapping, externally managed (PRV-01/04/05/06/07/17, CRY-05)

  @PRV-01 @must
  Scenario: portal users are out of SCIM's reach
    Given a tenant with settings:
      """
      {"linkBy": "email"}
      """
    And a local portal user "admin" exists
    When in the tenant I GET '/Users?filter=userName eq "{{admin.userName}}"'
    Then the response status is 200
    And the list is empty

  @PRV-01 @must
  Scenario: a SCIM create does not link to a portal user with the same email
    Given a tenant with settings:
      """
      {"linkBy": "email"}
      """
    And a local portal user "admin" exists
    When the IdP creates a user "alice" with the email of "admin"
    Then the response status is 201
    And the product does not link "alice" to the local user "admin"

  @PRV-05 @must
  Scenario: a user created over SCIM is externally managed and not editable locally
    Given a tenant with settings:
      """
      {}
      """
    When the IdP creates a user "alice"
    Then the response status is 201
    And the local view lists "alice" as externally managed
    And a local edit of the display name of "alice" is refused

  @PRV-06 @must
  Scenario: a SCIM create links to the local user with the same email instead of duplicating it
    Given a tenant with settings:
      """
      {"linkBy": "email"}
      """
    And a local user "jane" exists
    When the IdP creates a user "alice" with the email of "jane"
    Then the response status is one of "201, 200"
    And the product links "alice" to the local user "jane"
    And the local view holds exactly one user with the email of "jane"
    And the local view lists "jane" as externally managed

  @PRV-17 @must
  Scenario: linking matches on the one configured attribute even when the emails differ
    Given a tenant with settings:
      """
      {"linkBy": "userName"}
      """
    And a local user "jane" exists
    When the IdP creates a user with the userName of "jane" and another email
    Then the response status is one of "201, 200"
    And the product links "created" to the local user "jane"

  @PRV-04 @should
  Scenario: the attribute mapping decides which SCIM attribute becomes the product's email
    Given a tenant with settings:
      """
      {"attributeMapping": {"email": "userName"}}
      """
    When the IdP creates a user "alice"
    Then the local user "alice" has email equal to its userName

  @PRV-07 @should
  Scenario: without a displayName the product shows given name and family name
    Given a tenant with settings:
      """
      {}
      """
    When the IdP creates a user "alice" with:
      """
      {"displayName": null, "name": {"givenName": "Ada", "familyName": "Lovelace"}}
      """
    Then the local user "alice" has displayName "Ada Lovelace"

  @PRV-07 @should
  Scenario: a display name and email change from the IdP reaches the product
    Given a tenant with settings:
      """
      {}
      """
    And in the tenant a provisioned user "alice"
    When the IdP patches "alice" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [
        {"op": "replace", "path": "displayName", "value": "{{prefix}}Ada L."},
        {"op": "replace", "path": "emails[type eq \"work\"].value", "value": "{{alice.userName}}@changed.example"}]}
      """
    Then the response status is one of "200, 204"
    And the local user "alice" has displayName "{{prefix}}Ada L."
    And the local user "alice" has email "{{alice.userName}}@changed.example"

  @CRY-05 @must
  Scenario: a change from the IdP is visible in the product as soon as the SCIM call returns
    Given a tenant with settings:
      """
      {}
      """
    When the IdP creates a user "alice"
    Then the response status is 201
    And the local view lists "alice"
