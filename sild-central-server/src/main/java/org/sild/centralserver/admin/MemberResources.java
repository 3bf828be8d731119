package org.sild.centralserver.admin;

import static org.sild.centralserver.admin.AdminApi.V1;
import static org.sild.centralserver.admin.AdminRequests.as;
import static org.sild.centralserver.admin.AdminRequests.member;
import static org.sild.centralserver.admin.AdminRequests.required;

import org.sild.centralserver.admin.AdminJson.Description;
import org.sild.centralserver.admin.AdminJson.GroupJson;
import org.sild.centralserver.admin.AdminJson.GroupMember;
import org.sild.centralserver.admin.AdminJson.MemberClassJson;
import org.sild.centralserver.admin.AdminJson.MemberJson;
import org.sild.centralserver.admin.AdminJson.Name;
import org.sild.centralserver.admin.AdminJson.NewGroup;
import org.sild.centralserver.admin.AdminJson.NewMember;
import org.sild.centralserver.admin.AdminJson.NewSubsystem;
import org.sild.centralserver.admin.AdminJson.SubsystemChange;
import org.sild.centralserver.admin.AdminJson.SubsystemJson;
import org.sild.centralserver.registry.Registry;
import org.sild.core.id.MemberId;
import org.sild.core.id.SubsystemId;
import org.sild.runtime.http.ApiRequest;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.RouteTable;

/** Admin resources for member classes, members, subsystems and global groups. */
final class MemberResources {

    private final Registry registry;

    MemberResources(Registry registry) {
        this.registry = registry;
    }

    void routes(RouteTable routes) {
        routes.get(V1 + "/member-classes", r -> ApiResponse.ok(registry.members().memberClasses().stream()
                        .map(c -> new MemberClassJson(c.code(), c.description())).toList()))
                .post(V1 + "/member-classes", r -> {
                    MemberClassJson body = r.bodyAs(MemberClassJson.class);
                    var c = as(registry, r).members().addMemberClass(required("code", body.code()),
                            required("description", body.description()));
                    return ApiResponse.created(new MemberClassJson(c.code(), c.description()));
                })
                .put(V1 + "/member-classes/{code}", r -> {
                    var c = as(registry, r).members().changeMemberClass(r.pathVariable("code"),
                            required("description", r.bodyAs(Description.class).description()));
                    return ApiResponse.ok(new MemberClassJson(c.code(), c.description()));
                })
                .delete(V1 + "/member-classes/{code}", r -> {
                    as(registry, r).members().removeMemberClass(r.pathVariable("code"));
                    return ApiResponse.noContent();
                })
                .get(V1 + "/members", r -> ApiResponse.ok(registry.members().list().stream().map(MemberJson::of)
                        .toList()))
                .post(V1 + "/members", this::addMember)
                .get(V1 + "/members/{member}", r -> ApiResponse.ok(MemberJson.of(registry.members()
                        .get(member(r, "member")).orElseThrow(() -> FieldException.notFound("member",
                                "no member " + r.pathVariable("member"))))))
                .put(V1 + "/members/{member}", r -> ApiResponse.ok(MemberJson.of(as(registry, r).members()
                        .rename(member(r, "member"), required("name", r.bodyAs(Name.class).name())))))
                .delete(V1 + "/members/{member}", r -> {
                    as(registry, r).members().remove(member(r, "member"));
                    return ApiResponse.noContent();
                })
                .post(V1 + "/members/{member}/subsystems", r -> {
                    NewSubsystem body = r.bodyAs(NewSubsystem.class);
                    SubsystemId id = AdminRequests.id("code", () -> member(r, "member")
                            .subsystem(required("code", body.code())));
                    var s = as(registry, r).members().addSubsystem(id, body.name());
                    return ApiResponse.created(new SubsystemJson(AdminJson.path(s.id()), s.id().subsystem(), s.name()));
                })
                .put(V1 + "/members/{member}/subsystems/{subsystem}", r -> {
                    SubsystemId id = subsystem(r);
                    var s = as(registry, r).members().renameSubsystem(id, r.bodyAs(SubsystemChange.class).name());
                    return ApiResponse.ok(new SubsystemJson(AdminJson.path(s.id()), s.id().subsystem(), s.name()));
                })
                .delete(V1 + "/members/{member}/subsystems/{subsystem}", r -> {
                    as(registry, r).members().removeSubsystem(subsystem(r));
                    return ApiResponse.noContent();
                })
                .get(V1 + "/global-groups", r -> ApiResponse.ok(registry.groups().list().stream().map(GroupJson::of)
                        .toList()))
                .post(V1 + "/global-groups", r -> {
                    NewGroup body = r.bodyAs(NewGroup.class);
                    return ApiResponse.created(GroupJson.of(as(registry, r).groups().add(required("code", body.code()),
                            required("description", body.description()))));
                })
                .get(V1 + "/global-groups/{code}", r -> ApiResponse.ok(GroupJson.of(registry.groups()
                        .get(r.pathVariable("code")).orElseThrow(() -> FieldException.notFound("code",
                                "no global group " + r.pathVariable("code"))))))
                .put(V1 + "/global-groups/{code}", r -> ApiResponse.ok(GroupJson.of(as(registry, r).groups()
                        .changeDescription(r.pathVariable("code"),
                                required("description", r.bodyAs(Description.class).description())))))
                .delete(V1 + "/global-groups/{code}", r -> {
                    as(registry, r).groups().remove(r.pathVariable("code"));
                    return ApiResponse.noContent();
                })
                .post(V1 + "/global-groups/{code}/members", r -> ApiResponse.created(GroupJson.of(as(registry, r)
                        .groups().addMember(r.pathVariable("code"), AdminRequests.client("member",
                                r.bodyAs(GroupMember.class).member())))))
                .delete(V1 + "/global-groups/{code}/members/{client}", r -> ApiResponse.ok(GroupJson.of(
                        as(registry, r).groups().removeMember(r.pathVariable("code"),
                                AdminRequests.colonClient(r, "client")))));
    }

    private ApiResponse addMember(ApiRequest r) {
        NewMember body = r.bodyAs(NewMember.class);
        MemberId id = AdminRequests.id("memberCode", () -> new MemberId(registry.instance(),
                required("memberClass", body.memberClass()), required("memberCode", body.memberCode())));
        return ApiResponse.created(MemberJson.of(as(registry, r).members().add(id, required("name", body.name()))));
    }

    private static SubsystemId subsystem(ApiRequest r) {
        return AdminRequests.id("subsystem", () -> member(r, "member").subsystem(r.pathVariable("subsystem")));
    }
}
