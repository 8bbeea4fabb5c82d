// SPDX-License-Identifier: MIT
#include "photo.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

QString releaseStateKey(ReleaseState state)
{
    switch (state) {
    case ReleaseState::NotReviewed:
        return u"not_reviewed"_s;
    case ReleaseState::Released:
        return u"released"_s;
    case ReleaseState::NotReleased:
        return u"not_released"_s;
    }
    return {};
}

std::optional<ReleaseState> releaseStateFromKey(QStringView key)
{
    for (ReleaseState state : {ReleaseState::NotReviewed, ReleaseState::Released, ReleaseState::NotReleased}) {
        if (key == releaseStateKey(state))
            return state;
    }
    return std::nullopt;
}

QString releaseStateLabel(ReleaseState state)
{
    switch (state) {
    case ReleaseState::NotReviewed:
        return QCoreApplication::translate("Photo", "Not Reviewed");
    case ReleaseState::Released:
        return QCoreApplication::translate("Photo", "Released");
    case ReleaseState::NotReleased:
        return QCoreApplication::translate("Photo", "Not Released");
    }
    return {};
}

QString captionApprovalKey(CaptionApproval state)
{
    switch (state) {
    case CaptionApproval::Pending:
        return u"pending"_s;
    case CaptionApproval::Approved:
        return u"approved"_s;
    case CaptionApproval::ChangesRequested:
        return u"changes_requested"_s;
    }
    return {};
}

std::optional<CaptionApproval> captionApprovalFromKey(QStringView key)
{
    for (CaptionApproval state : {CaptionApproval::Pending, CaptionApproval::Approved, CaptionApproval::ChangesRequested}) {
        if (key == captionApprovalKey(state))
            return state;
    }
    return std::nullopt;
}

QString captionApprovalLabel(CaptionApproval state)
{
    switch (state) {
    case CaptionApproval::Pending:
        return QCoreApplication::translate("Photo", "Pending");
    case CaptionApproval::Approved:
        return QCoreApplication::translate("Photo", "Approved");
    case CaptionApproval::ChangesRequested:
        return QCoreApplication::translate("Photo", "Changes requested");
    }
    return {};
}
