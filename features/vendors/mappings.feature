Feature: Inclusions, organization and role mapping, apply mappings, local changes (PRV-03, INC-03/04/05/09)

  # PRV-03 leaves the product a choice for an identity outside the inclusions or inside the exclusions: a clear
  # SCIM error, or an acknowledged no-op that the sync log records. Either passes; nothing may be stored. (The
  # reference server answers 403.)
  @PRV-03 @must
  Scenario: a user matching an exclusion is refused and not stored
    Given a tenant with settings:
      """
      {"exclusions": ["*-contractor"]}
      """
    When the IdP creates a user with userName "{{prefix}}bob-contractor"
    Then the product refuses the identity with a SCIM error or acknowledges it without storing it
    And in the tenant no user has userName "{{prefix}}bob-contractor"
    And the sync log has a "refuse" entry with outcome "refused"

  @PRV-03 @must
  Scenario: a group outside the inclusions is refused and not stored
    Given a tenant with settings:
      """
      {"inclusions": ["{{prefix}}*-data", "*@*"]}
      """
    When the IdP pushes a group named "{{prefix}}marketing"
    Then the product refuses the identity with a SCIM error or acknowledges it without storing it
    And in the tenant no group has displayName "{{prefix}}marketing"
    And the sync log has a "refuse" entry with outcome "refused"

  @PRV-03 @must
  Scenario: a user inside the inclusions is provisioned
    Given a tenant with settings:
      """
      {"inclusions": ["{{prefix}}*"]}
      """
    When the IdP creates a user "alice"
    Then the response status is 201

  @INC-03 @must
  Scenario: organization mapping (single): every new user goes into the chosen organization
    Given a tenant "acme" with settings:
      """
      {"orgMapping": {"method": "single", "organization": "emea-sales"}}
      """
    And a child organization "emea-sales" of "acme" with settings:
      """
      {}
      """
    When the IdP creates a user "alice"
    Then the local user "alice" belongs to organization "emea-sales"

  @INC-03 @must
  Scenario: organization mapping by c42OrgName creates the organization when missing
    Given a tenant with settings:
      """
      {"orgMapping": {"method": "attribute", "default": "unassigned"}}
      """
    When the IdP creates a user "alice" with:
      """
      {"urn:ietf:params:scim:schemas:extension:code42:2.0:User": {"c42OrgName": "Research Lab"}}
      """
    Then the response status is 201
    And the local user "alice" belongs to organization "Research Lab"

  @INC-03 @must
  Scenario: organization mapping by c42OrgName puts users without it in the default organization
    Given a tenant with settings:
      """
      {"orgMapping": {"method": "attribute", "default": "unassigned"}}
      """
    When the IdP creates a user "alice"
    Then the local user "alice" belongs to organization "unassigned"

  @INC-03 @must
  Scenario: organization mapping by SCIM group follows the priority order, with a default
    Given a tenant with settings:
      """
      {"orgMapping": {"method": "group", "default": "unassigned", "rules": [
        {"group": "{{prefix}}eng", "organization": "engineering", "priority": 2},
        {"group": "{{prefix}}sec", "organization": "security", "priority": 1}]}}
      """
    And in the tenant a provisioned user "alice"
    And in the tenant a provisioned user "bob"
    And in the tenant a provisioned group named "{{prefix}}eng" with members "alice, bob"
    And in the tenant a provisioned group named "{{prefix}}sec" with members "alice"
    And in the tenant a provisioned user "carol"
    Then the local user "alice" belongs to organization "security"
    And the local user "bob" belongs to organization "engineering"
    And the local user "carol" belongs to organization "unassigned"

  @INC-04 @must
  Scenario: role mapping gives mapped groups' roles, and the organization's default roles otherwise
    Given a tenant with settings:
      """
      {"defaultRoles": ["viewer"], "roleMapping": {"rules": [{"group": "{{prefix}}admins", "roles": ["admin", "auditor"]}]}}
      """
    And in the tenant a provisioned user "alice"
    And in the tenant a provisioned user "bob"
    And in the tenant a provisioned group named "{{prefix}}admins" with members "alice"
    Then the local user "alice" has roles ["admin", "auditor"]
    And the local user "bob" has roles ["viewer"]

  @INC-05 @must
  Scenario: a new mapping leaves users already provisioned alone until mappings are applied
    Given a tenant "acme" with settings:
      """
      {"orgMapping": {"method": "single", "organization": "first"}}
      """
    And in the tenant a provisioned user "alice"
    And the settings of tenant "acme" become:
      """
      {"orgMapping": {"method": "single", "organization": "second"}}
      """
    Then the local user "alice" belongs to organization "first"
    And after applying the mappings the local user "alice" belongs to organization "second"

  @INC-09 @must
  Scenario: a local change does not flow back to the IdP or start a sync
    Given a tenant with settings:
      """
      {"defaultRoles": ["viewer"]}
      """
    And in the tenant a provisioned user "alice"
    When the product changes the roles of "alice" to ["owner"] locally
    Then in the tenant reading "alice" shows the same version as when it was provisioned
    And the sync log has no entry for "alice" after its creation
