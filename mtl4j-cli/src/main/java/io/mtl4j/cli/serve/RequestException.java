package io.mtl4j.cli.serve;

/** A request the service refuses: the HTTP status and a message naming the field, row or column at fault. */
public final class RequestException extends RuntimeException {
  private final int status;

  public RequestException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** 400: the request's fault. */
  public static RequestException badRequest(String message) {
    return new RequestException(400, message);
  }

  public int status() {
    return status;
  }
}
