Feature: Bulk operations (RFC 7644 §3.7)

  @P-BULK-01 @must
  Scenario: POST /Bulk answers 200 with a BulkResponse
    Given the server supports bulk
    When I POST to "/Bulk" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
       "Operations": [
         {"method": "POST", "path": "/Users", "bulkId": "one", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}},
         {"method": "POST", "path": "/Users", "bulkId": "two", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}}]}
      """
    Then the response status is 200
    And the body field "schemas" lists "urn:ietf:params:scim:api:messages:2.0:BulkResponse"
    And the bulk response reports 2 operations

  @P-BULK-02 @must
  Scenario: every operation is reported with method, status and location; POSTs echo their bulkId
    Given the server supports bulk
    When I POST to "/Bulk" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
       "Operations": [
         {"method": "POST", "path": "/Users", "bulkId": "first", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}},
         {"method": "POST", "path": "/Groups", "bulkId": "second", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{{random}}"}}]}
      """
    Then the response status is 200
    And every bulk operation reports its method, status and location
    And bulk operation 1 echoes bulkId "first"
    And bulk operation 2 echoes bulkId "second"
    And bulk operation 1 has status 201

  @P-BULK-03 @must
  Scenario: a bulkId reference is replaced by the id of the resource created under it
    Given the server supports bulk
    When I POST to "/Bulk" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
       "Operations": [
         {"method": "POST", "path": "/Users", "bulkId": "qwerty", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}},
         {"method": "POST", "path": "/Groups", "bulkId": "ytrewq", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{{random}}",
           "members": [{"type": "User", "value": "bulkId:qwerty"}]}}]}
      """
    Then the response status is 200
    And the group created by bulk operation 2 has the resource created by bulk operation 1 as a member

  @P-BULK-04 @must
  Scenario: bulkId references inside extension attributes are resolved
    Given the server supports bulk
    And the server supports the enterprise extension
    When I POST to "/Bulk" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
       "Operations": [
         {"method": "POST", "path": "/Users", "bulkId": "boss", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}},
         {"method": "POST", "path": "/Users", "bulkId": "report", "data": {
           "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"], "userName": "{{random}}",
           "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": {"value": "bulkId:boss"}}}}]}
      """
    Then the response status is 200
    And the user created by bulk operation 2 has as manager the user created by bulk operation 1

  @P-BULK-05 @must
  Scenario: an operation listed before the resource it references still gets the reference
    Given the server supports bulk
    When I POST to "/Bulk" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
       "Operations": [
         {"method": "POST", "path": "/Groups", "bulkId": "group", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{{random}}",
           "members": [{"type": "User", "value": "bulkId:later"}]}},
         {"method": "POST", "path": "/Users", "bulkId": "later", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}}]}
      """
    Then the response status is 200
    And the group created by bulk operation 1 has the resource created by bulk operation 2 as a member

  @P-BULK-06 @must
  Scenario: circular bulkId references are resolved or refused with 409
    Given the server supports bulk
    When I POST to "/Bulk" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
       "Operations": [
         {"method": "POST", "path": "/Groups", "bulkId": "ga", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{{random}}",
           "members": [{"type": "Group", "value": "bulkId:gb"}]}},
         {"method": "POST", "path": "/Groups", "bulkId": "gb", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{{random}}",
           "members": [{"type": "Group", "value": "bulkId:ga"}]}}]}
      """
    Then the response status is 200
    And the groups of bulk operations 1 and 2 reference each other, or the cycle is refused with 409

  @P-BULK-07 @P-BULK-09 @must
  Scenario: without failOnErrors processing continues past a failed operation
    Given the server supports bulk
    When I POST to "/Bulk" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
       "Operations": [
         {"method": "POST", "path": "/Users", "bulkId": "bad", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]}},
         {"method": "POST", "path": "/Users", "bulkId": "good", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}}]}
      """
    Then the response status is 200
    And bulk operation 1 has status 400
    And bulk operation 1 carries a SCIM error with status 400
    And bulk operation 2 has status 201

  @P-BULK-08 @must
  Scenario: with failOnErrors 1 processing stops after the first error
    Given the server supports bulk
    And a fresh userName "second"
    When I POST to "/Bulk" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "failOnErrors": 1,
       "Operations": [
         {"method": "POST", "path": "/Users", "bulkId": "bad", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]}},
         {"method": "POST", "path": "/Users", "bulkId": "good", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{second.userName}}"}}]}
      """
    Then the response status is 200
    And the bulk response reports 1 operation
    And bulk operation 1 has status 400
    And no user has userName "{{second.userName}}"

  @P-BULK-10 @must
  Scenario: more operations than maxOperations is a 413
    Given the server supports bulk
    When I send a bulk request with one operation more than maxOperations
    Then the response is a 413 naming the limit

  @P-BULK-11 @must
  Scenario: a payload above maxPayloadSize is a 413
    Given the server supports bulk
    When I send a bulk request larger than maxPayloadSize
    Then the response is a 413 naming the limit

  @P-BULK-12 @must
  Scenario: a POST operation without bulkId is refused
    Given the server supports bulk
    When I POST to "/Bulk" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
       "Operations": [{"method": "POST", "path": "/Users", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}}]}
      """
    Then the bulk request or its operation is refused with 400

  @P-BULK-13 @must
  Scenario: PUT, PATCH and DELETE work inside bulk with their usual status codes
    Given the server supports bulk
    And a user "user A" exists
    And a user "user B" exists
    When I POST to "/Bulk" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
       "Operations": [
         {"method": "PUT", "path": "/Users/{{user A.id}}", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user A.userName}}", "displayName": "{{prefix}}Bulk Put"}},
         {"method": "DELETE", "path": "/Users/{{user B.id}}"}]}
      """
    Then the response status is 200
    And bulk operation 1 has status 200
    And bulk operation 2 has status 204
    And reading "user A" back shows the body field "displayName" as "{{prefix}}Bulk Put"
    And reading "user B" back answers 404

  @P-BULK-13 @must
  Scenario: PATCH works inside bulk
    Given the server supports bulk
    And the server supports patch
    And a user exists
    When I POST to "/Bulk" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
       "Operations": [{"method": "PATCH", "path": "/Users/{{user.id}}",
         "data": {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "path": "displayName", "value": "{{prefix}}Bulk Patch"}]}}]}
      """
    Then the response status is 200
    And bulk operation 1 has status 200 or 204
    And reading "user" back shows the body field "displayName" as "{{prefix}}Bulk Patch"

  @P-BULK-14 @should
  Scenario: a BulkRequest with the wrong schema is a 400 invalidSyntax
    Given the server supports bulk
    When I POST to "/Bulk" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": []}
      """
    Then the response is a SCIM error with status 400 and scimType "invalidSyntax"

  @P-BULK-14 @should
  Scenario: a BulkRequest whose Operations is not an array is a 400 invalidSyntax
    Given the server supports bulk
    When I POST to "/Bulk" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": {"method": "DELETE"}}
      """
    Then the response is a SCIM error with status 400 and scimType "invalidSyntax"

  @P-BULK-15 @should
  Scenario: a server without bulk support answers /Bulk with 501
    Given the server does not support bulk
    When I POST to "/Bulk" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": []}
      """
    Then the response status is 501, or 404 or 405 with a warning
