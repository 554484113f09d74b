Feature: Discovery endpoints (RFC 7644 §4, RFC 7643 §5, §6, §7)

  @P-DISC-01 @must
  Scenario: /ServiceProviderConfig is a single object with its schema URN
    When I GET "/ServiceProviderConfig"
    Then the response status is 200
    And the body field "schemas" lists "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
    And the body field "Resources" is absent

  @P-DISC-02 @S-ATTR-03 @must
  Scenario: /ServiceProviderConfig has every required member with the right JSON type
    When I GET "/ServiceProviderConfig"
    Then the response status is 200
    And the response body matches the "ServiceProviderConfig" schema
    And the ServiceProviderConfig has every required member with its JSON type

  @P-DISC-03 @must
  Scenario: the PATCH claim matches behaviour
    Given a user exists
    When I GET "/ServiceProviderConfig"
    Then the response status is 200
    And PATCH behaves as the ServiceProviderConfig claims

  @P-DISC-03 @must
  Scenario: the ETag claim matches behaviour
    Given a user exists
    When I GET "/ServiceProviderConfig"
    Then the response status is 200
    And ETag headers appear as the ServiceProviderConfig claims

  @P-DISC-04 @must
  Scenario: /ResourceTypes lists the User and Group resource types
    When I GET "/ResourceTypes"
    Then the response is a ListResponse
    And the list holds resource types "User, Group"

  @P-DISC-05 @must
  Scenario: /ResourceTypes/User is the single ResourceType object
    When I GET "/ResourceTypes/User"
    Then the response status is 200
    And the body field "name" is "User"
    And the body field "schemas" lists "urn:ietf:params:scim:schemas:core:2.0:ResourceType"

  @P-DISC-05 @must
  Scenario: an unknown ResourceType is a 404 SCIM error
    When I GET "/ResourceTypes/ShxNoSuchType"
    Then the response is a SCIM error with status 404

  @P-DISC-06 @must
  Scenario: every schema a ResourceType names is published at /Schemas
    When I GET "/ResourceTypes"
    Then the response is a ListResponse
    And every ResourceType names a schema published at /Schemas

  @P-DISC-07 @must
  Scenario: every ResourceType endpoint is usable
    When I GET "/ResourceTypes"
    Then the response is a ListResponse
    And every ResourceType endpoint answers a ListResponse

  @P-DISC-08 @must @entra
  Scenario: /Schemas is a ListResponse of Schema objects
    When I GET "/Schemas"
    Then the response is a ListResponse
    And the response body matches the "ListResponse" schema
    And every listed resource has a non-empty id

  @P-DISC-09 @must
  Scenario Outline: /Schemas/<name> returns that single schema
    When I GET "/Schemas/<urn>"
    Then the response status is 200
    And the body field "id" is "<urn>"
    And the response body matches the "Schema" schema

    Examples:
      | name  | urn                                         |
      | User  | urn:ietf:params:scim:schemas:core:2.0:User  |
      | Group | urn:ietf:params:scim:schemas:core:2.0:Group |

  @P-DISC-09 @must
  Scenario: /Schemas/<enterprise URN> returns the enterprise schema
    Given the server supports the enterprise extension
    When I GET "/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    Then the response status is 200
    And the body field "id" is "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

  @P-DISC-09 @must
  Scenario: an unknown schema URN is a 404 SCIM error
    When I GET "/Schemas/urn:example:shx:no-such-schema"
    Then the response is a SCIM error with status 404

  @P-DISC-10 @must
  Scenario: protocol message URNs are not listed as schemas
    When I GET "/Schemas"
    Then the response is a ListResponse
    And no listed schema is a protocol message URN

  @P-DISC-11 @must
  Scenario: paging parameters on discovery endpoints are ignored
    When I GET "/Schemas?count=1&startIndex=2"
    Then the response is a ListResponse
    And the list has the same totalResults as a plain GET of "/Schemas"

  @P-DISC-12 @should
  Scenario: a filter on a discovery endpoint is answered with 403
    When I GET '/ResourceTypes?filter=name eq "User"'
    Then the filter is refused with 403 or ignored

  @P-DISC-13 @must @entra
  Scenario: published schemas use the canonical keywords
    When I GET "/Schemas"
    Then the response is a ListResponse
    And every published attribute uses the canonical keywords

  @P-DISC-14 @should
  Scenario: the published User schema matches the core definition
    When I GET "/Schemas"
    Then the published "urn:ietf:params:scim:schemas:core:2.0:User" schema declares:
      | attribute | characteristic | value     | tolerance |
      | userName  | required       | true      |           |
      | userName  | caseExact      | false     |           |
      | userName  | uniqueness     | server    |           |
      | password  | mutability     | writeOnly |           |
      | password  | returned       | never     |           |
      | groups    | mutability     | readOnly  |           |

  @P-DISC-14 @should
  Scenario: the published Group schema matches the core definition
    When I GET "/Schemas"
    Then the published "urn:ietf:params:scim:schemas:core:2.0:Group" schema declares:
      | attribute     | characteristic | value     | tolerance |
      | displayName   | required       | true      | warn      |
      | members.value | mutability     | immutable | warn      |

  @P-DISC-15 @must
  Scenario: an unknown endpoint is a 404 SCIM error
    When I GET "/ShxNoSuchEndpoint"
    Then the response is a SCIM error with status 404
