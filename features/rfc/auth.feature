Feature: Transport, media type and authentication (RFC 7644 §2, §3.1, §3.8, §7.2)

  @P-HTTP-01 @should @entra
  Scenario: SCIM responses are labelled application/scim+json
    When I GET "/Users?count=1"
    Then the response status is 200
    And the response header "Content-Type" starts with "application/scim+json"

  @P-HTTP-02 @must
  Scenario: Accept application/scim+json is honoured
    Given a user exists
    When I send GET "/Users/{{user.id}}" with header "Accept: application/scim+json"
    Then the response status is 200
    And the body is "user"

  @P-HTTP-03 @should
  Scenario: Accept application/json is honoured too
    Given a user exists
    When I send GET "/Users/{{user.id}}" with header "Accept: application/json"
    Then the response status is 200
    And the body is "user"

  @P-HTTP-04 @must
  Scenario: UTF-8 request bodies keep their code points
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}", "name": {"givenName": "Zoë 李", "familyName": "Ñandú"}}
      """
    Then the response status is 201
    And reading the resource back shows the body field "name.givenName" as "Zoë 李"
    And reading the resource back shows the body field "name.familyName" as "Ñandú"

  @P-HTTP-05 @should
  Scenario: without an Accept header the server answers in SCIM JSON
    Given a user exists
    When I GET "/Users/{{user.id}}" without an Accept header
    Then the response status is 200
    And the body is "user"

  @P-HTTP-06 @should
  Scenario: unrecognised query parameters are ignored
    When I GET "/Users?count=1&shxUnknownParameter=bar"
    Then the response is a ListResponse

  @P-HTTP-07 @must
  Scenario: PUT never creates a resource
    Given a fresh userName "newcomer"
    When I PUT "/Users/00000000-0000-4000-8000-{{runId}}0000" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{newcomer.userName}}"}
      """
    Then the response is a SCIM error with status 404
    And a GET of "/Users/00000000-0000-4000-8000-{{runId}}0000" answers 404
    And no user has userName "{{newcomer.userName}}"

  @P-HTTP-08 @must @entra
  Scenario: the service accepts TLS 1.2
    Given the target is served over https
    When I open a TLS connection to the target allowing only TLS 1.2
    Then the TLS 1.2 handshake succeeds

  @P-AUTH-01 @must
  Scenario: a request without credentials is refused with 401
    Given the target requires credentials
    When I GET "/Users" without credentials
    Then the response is a 401 with a SCIM error body if any

  @P-AUTH-02 @must
  Scenario: a 401 names the supported scheme in WWW-Authenticate
    Given the target requires credentials
    When I GET "/Users" without credentials
    Then the response status is 401
    And the response has header "WWW-Authenticate"

  @P-AUTH-03 @must @entra
  Scenario: invalid credentials are refused with 401
    Given the target requires credentials
    When I GET "/Users" with the bearer token "garbage-{{runId}}"
    Then the response is a 401 with a SCIM error body if any

  @P-AUTH-04 @may
  Scenario: an authenticated but unauthorised operation gets 403
    Given the run has low-privilege credentials
    And a user exists
    When I DELETE "/Users/{{user.id}}"
    Then the response is a SCIM error with status 403

  @P-AUTH-05 @should
  Scenario: the ServiceProviderConfig is readable without credentials
    When I GET "/ServiceProviderConfig" without credentials
    Then the response status is 200
